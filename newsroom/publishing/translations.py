"""What links a translation to its original, and what "up to date" means.

A translation is an item of its own (own status, publication time and slug)
whose `translation_of` is the original: the authentic text. A translation of a
translation is linked to the original (Publishable.save). The translation keeps
a snapshot of the original's text as it was when the translator last brought it
up to date (`source_snapshot`); the original's text differing from it now makes
the translation outdated, and the snapshot is what the difference is taken from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import models

from newsroom.publishing.languages import language_in_words

# Not text to translate: addresses, workflow, language, search, digests.
_NOT_TRANSLATED = {
    "slug",
    "status",
    "language",
    "search_vector",
    "text_digest",
    "source_digest",
}


def translatable_fields(model) -> list[str]:
    """The item's text fields a translator translates: every editable
    character or text field (title, summary, body, place, alt text …) but
    the slug and fields with fixed choices."""
    names = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if not field.editable or field.choices or field.name in _NOT_TRANSLATED:
            continue
        names.append(field.name)
    return names


def snapshot_of(item) -> dict[str, str]:
    """The original's translatable text now: what a translation is checked against."""
    return {name: getattr(item, name) or "" for name in translatable_fields(type(item))}


def digest(snapshot: dict) -> str:
    """A short fingerprint of a text snapshot: equal texts, equal digests."""
    data = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def original_of(item):
    """The authentic text of `item`: its original, or itself."""
    return item.translation_of if item.translation_of_id else item


def live_versions(item) -> dict:
    """{language: item} of `item`'s original and its translations that
    visitors may see, in one query: what the language switcher and the
    hreflang alternates lead to."""
    from newsroom.publishing.registry import content_kinds

    root = item.translation_of_id or item.pk
    kind = content_kinds.for_model(type(item))
    rows = (
        type(item)
        .objects.live()
        .filter(models.Q(pk=root) | models.Q(translation_of_id=root))
        .select_related(*kind.related_for_url)
    )
    return {row.language: row for row in rows}


def fill_text_digests(app_label: str, model_name: str):
    """A migration's RunPython function giving the rows that exist their text
    digests (their text as of their last change)."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        fields = translatable_fields(model)
        rows = list(model._default_manager.all())
        for row in rows:
            text = {name: getattr(row, name) or "" for name in fields}
            row.text_digest = digest(text)
            row.text_changed_at = row.updated_at
            snapshot = row.source_snapshot
            row.source_digest = digest(snapshot) if snapshot else ""
        model._default_manager.bulk_update(
            rows, ["text_digest", "text_changed_at", "source_digest"], batch_size=500
        )

    return forwards


# --- Translation state ------------------------------------------------------------

MISSING, UP_TO_DATE, OUTDATED = "missing", "up-to-date", "outdated"


@dataclass
class TranslationState:
    """One language of an original: its translation, if any, and how it stands."""

    language: str
    translation: object | None
    state: str  # MISSING, UP_TO_DATE or OUTDATED
    since: object | None  # when it went missing (published) or outdated (changed)

    @property
    def language_name(self) -> str:
        return language_in_words(self.language)

    @property
    def age(self) -> str:
        from django.utils import timezone
        from django.utils.timesince import timesince

        return timesince(self.since, timezone.now()) if self.since else ""


def state_of(translation, original) -> str:
    """UP_TO_DATE when the original's text is what the translation was last
    brought up to date with, else OUTDATED."""
    digest = translation.source_digest
    if digest and digest == original.text_digest:
        return UP_TO_DATE
    return OUTDATED


def translation_states(original) -> list[TranslationState]:
    """Every other language of `original` (one query for its translations)."""
    translations = {t.language: t for t in original.translations.all()}
    states = []
    for code, _name in settings.LANGUAGES:
        if code == original.language:
            continue
        translation = translations.get(code)
        if translation is None:
            since = original.published_at if original.is_live else None
            states.append(TranslationState(code, None, MISSING, since))
        else:
            state = state_of(translation, original)
            since = original.text_changed_at if state == OUTDATED else None
            states.append(TranslationState(code, translation, state, since))
    return states


def changes_since(translation, original) -> list[tuple[str, str]]:
    """[(field label, HTML of the words removed and added)] of the original's
    text since the version the translation was brought up to date with."""
    from newsroom.publishing.admin.changes import (
        field_label,
        rich_text_diff,
        text_paragraphs,
        word_diff,
    )
    from newsroom.publishing.fields import SanitizedRichTextField

    before = translation.source_snapshot or {}
    now = snapshot_of(original)
    changes = []
    for name in translatable_fields(type(original)):
        old, new = before.get(name, ""), now.get(name, "")
        if old == new:
            continue
        field = type(original)._meta.get_field(name)
        if isinstance(field, SanitizedRichTextField):
            html = rich_text_diff(old, new)
        else:
            html = word_diff(text_paragraphs(old), text_paragraphs(new))
        if html:
            changes.append((field_label(field), html))
    return changes


def new_translation(original, language: str, translator, *, unofficial: bool):
    """A draft translation of `original` into `language`, pre-filled with the
    original's text and everything else it has (section, dates, people,
    pictures), written by `translator`, up to date with the original as it is.
    """
    model = type(original)
    skipped = {
        "id",
        "slug",
        "status",
        "published_at",
        "language",
        "translation_of",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "edit_version",
        "search_vector",
        "source_snapshot",
        "text_digest",
        "text_changed_at",
        "source_digest",
        "unofficial_translation",
    }
    values = {
        field.attname: getattr(original, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in skipped and field.attname not in skipped
    }
    translation = model(
        **values,
        language=language,
        translation_of=original,
        unofficial_translation=unofficial,
        created_by=translator,
        updated_by=translator,
        source_snapshot=snapshot_of(original),
        # Until the translator gives the title: then the slug follows it.
        slug=provisional_slug(original, language),
    )
    if model._default_manager.filter(slug=translation.slug).exists():
        translation.slug = ""  # taken by another item: made from the title
    translation.save()
    for field in model._meta.many_to_many:
        getattr(translation, field.name).set(getattr(original, field.name).all())
    return translation


def provisional_slug(original, language: str) -> str:
    """The slug a new translation has until its title is translated
    (`<original's slug>-<language>`); Publishable.save() then makes it anew
    from the translated title."""
    from newsroom.publishing.languages import SLUG_MAX_LENGTH

    suffix = f"-{language}"
    return original.slug[: SLUG_MAX_LENGTH - len(suffix)].rstrip("-") + suffix


def bring_up_to_date(translation) -> None:
    """The translator has carried over the original's changes: the translation
    is up to date with the original's text as it is now."""
    original = translation.translation_of
    translation.source_snapshot = snapshot_of(original)
    translation.save(update_fields=["source_snapshot", "source_digest", "edit_version"])
