"""The organisation's identity: one record, edited by site administrators,
read by every page (name, emblem, contacts, social links), cached."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.caching import generation
from newsroom.caching.safe import cache_get, cache_set
from newsroom.media.images import UploadTo, ValidatedImageField

# Under the content generation's token: any change (this record's own saves
# included, newsroom/caching/signals.py) leaves the copy behind, and a change
# made while the cache was down is recorded when it is back.
CACHE_KEY = "newsroom:identity:v2:{token}"


class SiteIdentity(models.Model):
    # Exactly one row: the constraint below holds the table to it.
    singleton = models.BooleanField(default=True, editable=False, unique=True)
    name = models.CharField(
        _("organisation's name"),
        max_length=200,
        help_text=_(
            'In full, as in the page titles: "Collective Security Treaty Organization".'
        ),
    )
    short_name = models.CharField(
        max_length=40, blank=True, help_text=_('The abbreviation, e.g. "CSTO".')
    )
    service_name = models.CharField(
        _("press service's name"), max_length=120, default="Press service"
    )
    emblem = ValidatedImageField(
        upload_to=UploadTo("identity"),
        renditions_field="emblem_renditions",
        blank=True,
        help_text=_(
            "PNG, JPEG or WebP, best square and at least 512 px. The "
            "favicon, touch icons, the logo for search engines and the default "
            "picture of shared links are made from it."
        ),
    )
    emblem_renditions = models.JSONField(default=dict, blank=True, editable=False)
    # The pictures derived from the emblem (newsroom/identity/marks.py):
    # {"source": emblem name, "<file name>": stored name}.
    pictures = models.JSONField(default=dict, blank=True, editable=False)
    domain = models.CharField(
        _("canonical domain"),
        max_length=253,
        blank=True,
        help_text=_(
            "The host name of the public site, e.g. press.example.org: "
            "calendar subscriptions identify events by it, whatever address a "
            "subscriber used."
        ),
    )
    address = models.TextField(_("press service's address"), blank=True)
    phone = models.CharField(_("phone for journalists"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail for journalists"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(singleton=True), name="identity_one_record"
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="identity_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "SiteIdentity":
        """The identity every page shows: from the cache, else the database,
        else an unsaved default named after settings.SITE_NAME. A cache that is
        down is skipped (newsroom/site/faults.py)."""
        current = generation.current()
        key = CACHE_KEY.format(token=current.token) if current else None
        identity = cache_get(key) if key else None
        if identity is None:
            identity = cls.objects.prefetch_related("links").first()
            if identity is None:
                identity = cls(name=settings.SITE_NAME, short_name=settings.SITE_NAME)
                identity.link_list = []
            else:
                identity.link_list = list(identity.links.all())
            if key:
                cache_set(key, identity, timeout=generation.KEPT_SECONDS)
        return identity

    @staticmethod
    def forget() -> None:
        """Leave the cached copy behind (newsroom/identity/signals.py)."""
        generation.bump()

    @property
    def links_shown(self):
        return getattr(self, "link_list", None) or []

    def picture_url(self, filename: str) -> str:
        """The site-relative address of a derived picture (marks.PICTURES)."""
        return reverse("identity:picture", kwargs={"filename": filename})

    @property
    def phone_uri(self) -> str:
        """tel: with the digits only, as dialers want it."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:{'+' if self.phone.strip().startswith('+') else ''}{digits}"

    @property
    def logo_url(self) -> str:
        return self.picture_url("icon-512.png")

    @property
    def default_image_url(self) -> str:
        return self.picture_url("share.png")


def _http_url(value):
    URLValidator(schemes=["http", "https"])(value)


class SocialLink(models.Model):
    identity = models.ForeignKey(
        SiteIdentity, on_delete=models.CASCADE, related_name="links"
    )
    label = models.CharField(max_length=60, help_text=_('e.g. "Telegram".'))
    url = models.URLField(_("address"), max_length=500, validators=[_http_url])
    order = models.PositiveIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": _("Give an http or https address.")})


def canonical_domain() -> str:
    """The site's host name for identifiers (calendar UIDs): the setting, else
    the identity's domain, else "localhost"."""
    return (
        getattr(settings, "SITE_DOMAIN", "")
        or SiteIdentity.current().domain
        or "localhost"
    )
