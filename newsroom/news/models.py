from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.events.models import Event
from newsroom.media.models import LeadImage
from newsroom.officials.models import Official
from newsroom.publishing.models import Publishable

# /feeds/news/atom/ is the Atom feed of all news: no section may take that name.
RESERVED_SECTION_SLUGS = frozenset({"atom"})


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            _("“%(value)s” is reserved for the site's own addresses."),
            code="reserved",
            params={"value": value},
        )


class Section(models.Model):
    """A news section: "CSTO News", "Secretary General", …"""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120, unique=True, validators=[validate_section_slug]
    )
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug__in=sorted(RESERVED_SECTION_SLUGS)),
                name="news_section_slug_not_reserved",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:section", kwargs={"section": self.slug})

    def validate_constraints(self, exclude=None):
        # The slug's validator already says why; skip the duplicate message.
        super().validate_constraints(exclude={*(exclude or ()), "slug"})


class NewsItem(LeadImage, Publishable):
    section = models.ForeignKey(
        Section,
        # A section that holds news cannot be deleted; move the news first.
        on_delete=models.PROTECT,
        related_name="news_items",
    )
    officials = models.ManyToManyField(
        Official,
        blank=True,
        related_name="news_items",
        verbose_name=_("officials mentioned"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("related event"),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show at the top of the home page.")
    )
    attachments = GenericRelation("documents.Attachment")

    class Meta(Publishable.Meta):
        permissions = [
            (
                "publish_newsitem",
                "Can publish, schedule, unpublish and archive news items",
            )
        ]
        verbose_name = _("news item")
        indexes = [
            *Publishable.Meta.indexes,
            # A section's live items newest first; counting them (the bounded
            # paginator) reads this index alone.
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="news_newsitem_section",
            ),
            # The home page asks for the latest featured item: a small index.
            models.Index(
                fields=["-published_at"],
                condition=models.Q(is_featured=True),
                name="news_newsitem_featured",
            ),
        ]
