"""What links a translation to its original, and what "up to date" means.

A translation is an item of its own (own status, publication time and slug)
whose `translation_of` is the original: the authentic text. A translation of a
translation is linked to the original (Publishable.save). The translation keeps
a snapshot of the original's text as it was when the translator last brought it
up to date (`source_snapshot`); the original's text differing from it now makes
the translation outdated, and the snapshot is what the difference is taken from.
"""

from __future__ import annotations

from django.db import models

# Not text to translate: addresses, workflow, language, search.
_NOT_TRANSLATED = {"slug", "status", "language", "search_vector"}


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


def original_of(item):
    """The authentic text of `item`: its original, or itself."""
    return item.translation_of if item.translation_of_id else item
