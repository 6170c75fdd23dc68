"""The publishing core every editorial item shares: statuses, `.live()`, the
record of editorial decisions."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from newsroom.publishing.fields import SanitizedRichTextField
from newsroom.publishing.languages import (
    current_language,
    default_language,
    language_choices,
    slug_for,
)
from newsroom.publishing.sanitize import sanitize_html
from newsroom.search.backends import SearchFields


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(models.QuerySet):
    def live(self):
        """What visitors may see: published, and `published_at` has passed.

        Every public view, feed, sitemap and search starts here.
        """
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, language: str | None = None):
        """Items written in `language`: by default the language of the page
        being served (its address's prefix). Public listings, feeds, sitemaps
        and search show one language at a time."""
        return self.filter(language=language or current_language())


LIVE_RULE = _(
    "Visitors see the item only when its status is Published and this time has "
    "passed; a future time schedules it. Left empty, publishing sets it to now."
)


class Publishable(models.Model):
    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the item's web address; unique for its kind. "
            "Left empty, it is made from the title, in Latin letters."
        ),
    )
    summary = models.TextField(
        max_length=600,
        help_text=_(
            "Plain-text lead shown in listings, search results and link "
            "previews (600 characters at most)."
        ),
    )
    body = SanitizedRichTextField(blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True, help_text=LIVE_RULE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    # --- Language and translation (newsroom/publishing/translation.py) ---
    language = models.CharField(
        max_length=12,
        choices=language_choices,
        default=default_language,
        help_text=_(
            "The language the item is written in; its page is at that "
            "language's address."
        ),
    )
    # Set on a translation: the original, the authentic text. Empty on an original.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The original this item translates; empty for an original."),
    )
    unofficial_translation = models.BooleanField(
        default=False,
        help_text=_(
            'The page says "Unofficial translation" and names the authentic text.'
        ),
    )
    # The original's text when the translation was last brought up to date.
    source_snapshot = models.JSONField(null=True, blank=True, editable=False)
    # A digest of this item's translatable text and when that text last
    # changed; on a translation, the digest of `source_snapshot`. A translation
    # is outdated when its original's `text_digest` is not its `source_digest`:
    # one comparison in SQL for the desk and the report.
    text_digest = models.CharField(max_length=32, blank=True, editable=False)
    text_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    source_digest = models.CharField(max_length=32, blank=True, editable=False)

    # Kept by a database trigger on PostgreSQL (newsroom/search/backends.py).
    search_vector = SearchVectorField(null=True, editable=False)
    # Counts saves: a form carries the number it was opened at, and a save from
    # a form opened before someone else's save is refused (no lost edits).
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    objects = PublishableQuerySet.as_manager()

    search_fields = SearchFields(title="title", text=("summary",), html=("body",))

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]
        indexes = [
            # Listings: live items newest first, in the index's order (the id
            # breaks ties), so a page reads its 20 rows and sorts nothing.
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="%(app_label)s_%(class)s_live",
            ),
            # lastmod of sitemaps and feeds: the newest change is one index probe.
            models.Index(fields=["updated_at"], name="%(app_label)s_%(class)s_updated"),
            # Listings of one language, newest first.
            models.Index(
                fields=["language", "status", "-published_at", "-id"],
                name="%(app_label)s_%(class)s_lang_live",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
                violation_error_message=_("A published item needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~models.Q(title=""),
                name="%(app_label)s_%(class)s_title_not_empty",
            ),
            # One translation per language of an original.
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="%(app_label)s_%(class)s_one_translation_per_language",
                violation_error_message=_(
                    "This item already has a translation into that language."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._default_publication_time()
        self._link_to_the_original()
        if not self.slug or self._slug_is_provisional():
            self.slug = self.slug_from_title()
        self._note_text_change()
        self.edit_version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The item's address in its own language (/ru/… for Russian), from
        its kind's registry entry."""
        from newsroom.publishing.registry import content_kinds

        kind = content_kinds.for_model(type(self))
        kwargs = {kwarg: _follow(self, path) for kwarg, path in kind.url_kwargs.items()}
        with translation.override(self.language):
            return reverse(kind.detail_url, kwargs=kwargs)

    def clean(self):
        super().clean()
        self._default_publication_time()
        self._link_to_the_original()
        if self.translation_of_id:
            if self.translation_of_id == self.pk:
                raise ValidationError(
                    {"translation_of": _("An item cannot be its own translation.")}
                )
            if self.translation_of.language == self.language:
                raise ValidationError(
                    {
                        "language": _(
                            "A translation is in another language than its original."
                        )
                    }
                )
        if not self.slug:
            self.slug = self.slug_from_title()

    def slug_from_title(self) -> str:
        day = self.published_at.date() if self.published_at else None
        return slug_for(
            type(self),
            self.title,
            language=self.language,
            day=day,
            exclude_pk=self.pk,
        )

    def _slug_is_provisional(self) -> bool:
        """A draft translation whose title was translated still has the slug
        "Translate" gave it (newsroom/publishing/translations.py): it follows
        the title now. Never once published: a published address stays."""
        from newsroom.publishing.translations import provisional_slug

        original = self.translation_of
        return (
            original is not None
            and self.status == Status.DRAFT
            and self.title != original.title
            and self.slug == provisional_slug(original, self.language)
            and not WorkflowEvent.objects.filter(
                content_type__app_label=self._meta.app_label,
                content_type__model=self._meta.model_name,
                object_id=str(self.pk),
                action=WorkflowEvent.Action.PUBLISHED,
            ).exists()
        )

    def _note_text_change(self):
        """Keep `text_digest` (and when the text changed) and `source_digest`
        in step with the text, as stored: rich text sanitised first."""
        from newsroom.publishing.translations import digest, snapshot_of

        self._sanitized = {}
        for field in self._meta.concrete_fields:
            if isinstance(field, SanitizedRichTextField):
                value = sanitize_html(getattr(self, field.attname))
                setattr(self, field.attname, value)
                self._sanitized[field.attname] = value
        text = digest(snapshot_of(self))
        if text != self.text_digest:
            self.text_digest = text
            self.text_changed_at = timezone.now()
        source = self.source_snapshot
        self.source_digest = digest(source) if source else ""

    def _link_to_the_original(self):
        """A translation of a translation is a translation of the original."""
        source = self.translation_of
        if source is not None and source.translation_of_id:
            self.translation_of_id = source.translation_of_id

    @property
    def is_translation(self) -> bool:
        return self.translation_of_id is not None

    def _default_publication_time(self):
        """Publishing without a time means now (the check constraint backs this)."""
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_live(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


def _follow(obj, path: str):
    """`section__slug` of an item: obj.section.slug."""
    for attribute in path.split("__"):
        obj = getattr(obj, attribute)
    return obj


class WorkflowEvent(models.Model):
    """The record of editorial decisions: who published, scheduled, unpublished,
    archived or restored what, and who changed whose role, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned to draft")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        ARCHIVED = "archived", _("Archived")
        RESTORED = "restored", _("Restored a revision")
        RECOVERED = "recovered", _("Recovered after deletion")
        ROLE_CHANGED = "role_changed", _("Role changed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who"), max_length=150)
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, null=True
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("item"), max_length=300)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.actor_name}: {self.get_action_display()} {self.object_repr}"


class Autosave(models.Model):
    """What a staff member had typed in an item's form, stored every minute
    while they edit (newsroom/publishing/admin/autosave.py): one per item (or
    per kind, for a form not saved yet) and user. Never the item itself: its
    status, its live copy and its revisions stay as they are until Save."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    # Empty: the add form of that kind, not saved yet.
    object_id = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The item's edit_version the form was opened at (0 for an add form).
    based_on_version = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                name="publishing_autosave_one_per_item_and_user",
            )
        ]

    def __str__(self):
        return f"Autosave by {self.user_id} of {self.content_type_id}:{self.object_id}"


class EditingPresence(models.Model):
    """Who has an item's form open, from the form's heartbeat
    (newsroom/publishing/admin/presence.py); forgotten when it stops."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                name="publishing_presence_one_per_item_and_user",
            )
        ]

    def __str__(self):
        return f"{self.user_id} on {self.content_type_id}:{self.object_id}"
