from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.media.images import UploadTo, ValidatedImageField
from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.languages import default_language_field
from newsroom.search.backends import SearchFields


class Official(models.Model):
    """A member of the organisation's leadership, with a public page."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    position = models.CharField(
        max_length=200, help_text=_('The current post, e.g. "Secretary General".')
    )
    rank = models.CharField(
        max_length=100,
        blank=True,
        help_text=_('Military or diplomatic rank, e.g. "Colonel-General".'),
    )
    organ = models.CharField(
        max_length=200,
        blank=True,
        help_text=_('The body they serve in, e.g. "Joint Staff".'),
    )
    country = models.CharField(max_length=100, blank=True)
    portrait = ValidatedImageField(
        upload_to=UploadTo("officials"),
        renditions_field="portrait_renditions",
        blank=True,
    )
    portrait_renditions = models.JSONField(default=dict, blank=True, editable=False)
    portrait_alt = models.CharField(
        _("portrait alt text"),
        max_length=300,
        blank=True,
        help_text=_('Required with a portrait, e.g. "Portrait of …".'),
    )
    biography = SanitizedRichTextField(blank=True)
    order = models.PositiveIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers are listed first.")
    )
    is_active = models.BooleanField(
        _("listed in the leadership"),
        default=True,
        help_text=_(
            "Untick for former officials: their page and speeches stay online."
        ),
    )
    # Kept by a database trigger on PostgreSQL (newsroom/search/backends.py).
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every language's name, post and biography: either spelling finds them.
    search_fields = SearchFields(
        title="name",
        text=("position", "rank", "organ", "country"),
        html=("biography",),
        translated=True,
    )

    class Meta:
        ordering = ["order", "name"]
        # lastmod of the sitemap: the newest change is one index probe.
        indexes = [models.Index(fields=["updated_at"], name="officials_updated")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""), name="officials_official_name_not_empty"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("officials:detail", kwargs={"slug": self.slug})

    @property
    def position_and_organ(self) -> str:
        """The post in one line, "Secretary General, CSTO Secretariat".

        The body is left out when the position already names it ("Chief of the
        CSTO Joint Staff" in the "Joint Staff"), so no page prints it twice.
        """
        if not self.organ or self.organ.casefold() in self.position.casefold():
            return self.position
        if not self.position:
            return self.organ
        return f"{self.position}, {self.organ}"

    def clean(self):
        super().clean()
        if self.portrait and not self.portrait_alt.strip():
            field = default_language_field(Official, "portrait_alt")
            raise ValidationError(
                {field: _("Describe the portrait for people who cannot see it.")}
            )


class Appointment(models.Model):
    """A post an official held from one date to another (or until now)."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="appointments"
    )
    post = models.CharField(max_length=255)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Empty: to date.")
    )

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="officials_appointment_ends_after_start",
                violation_error_message=_(
                    "An appointment cannot end before it starts."
                ),
            )
        ]

    def __str__(self):
        return self.post

    def clean(self):
        super().clean()
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": _("An appointment cannot end before it starts.")}
            )

    def validate_constraints(self, exclude=None):
        # clean() reports the date order on the field; skip the duplicate message.
        super().validate_constraints(exclude={*(exclude or ()), "ended_on"})
