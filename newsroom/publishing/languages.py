"""The languages items are written in, and readable slugs in any of them.

The site's languages are settings.LANGUAGES; the default (settings.LANGUAGE_CODE)
has no prefix in addresses. Every editorial item has one language; a
translation is an item of its own linked to its original
(newsroom/publishing/models.py, newsroom/publishing/translations.py).
"""

from __future__ import annotations

import datetime

import iuliia
from django.conf import settings
from django.db import models
from django.utils import translation
from slugify import slugify

# A slug is cut at a word boundary at this length: an address stays readable
# (the old site cut transliterated titles at about 100 characters, mid-word).
SLUG_MAX_LENGTH = 80


def language_choices() -> list[tuple[str, str]]:
    """The site's languages, read at run time: a language added to settings
    needs no migration."""
    return list(settings.LANGUAGES)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def current_language() -> str:
    """The language of the page being served (its address's prefix), one of
    settings.LANGUAGES; the default where none is active."""
    active = translation.get_language()
    codes = {code for code, _name in settings.LANGUAGES}
    if active in codes:
        return active
    if active and active.split("-")[0] in codes:
        return active.split("-")[0]
    return settings.LANGUAGE_CODE


def language_name(code: str) -> str:
    """The language's own name ("Русский"), as a switcher shows it."""
    return dict(settings.LANGUAGES).get(code, code)


def language_in_words(code: str) -> str:
    """The language's name in the language being served, for a sentence
    ("the original in Russian", "оригинал на русском" reads "русский")."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:  # a code Django does not know: its own name
        return language_name(code)


def slug_text(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Readable Latin for any title: Cyrillic by Wikipedia's transliteration
    (Сердюков → serdyukov), other scripts by python-slugify's unidecode,
    emoji and punctuation dropped, cut at a word boundary. May be empty (a
    title of emoji only): slug_for() then falls back."""
    latin = iuliia.WIKIPEDIA.translate(text or "")
    return slugify(latin, max_length=max_length, word_boundary=True, save_order=True)


def slug_for(
    model,
    title: str,
    *,
    language: str | None = None,
    day: datetime.date | None = None,
    exclude_pk=None,
) -> str:
    """A slug for `title` that no other item of `model` has.

    Collisions get a readable suffix, not a number where it can be helped:
    the language (`…-ru`), then the date (`…-2024-04-24`), then a counter.
    Never empty: a title with nothing to transliterate gives the kind's name.
    """
    with translation.override(None):  # the kind's name as written in the code
        kind = str(model._meta.verbose_name)
    base = slug_text(title) or slugify(kind) or "item"
    suffixes = [""]
    if language and language != settings.LANGUAGE_CODE:
        suffixes.append(f"-{language}")
    if day is not None:
        suffixes.append(f"-{day.isoformat()}")
    candidates = [_joined(base, suffix) for suffix in suffixes]
    candidates += [_joined(base, f"-{n}") for n in range(2, 12)]
    taken = set(
        model._default_manager.exclude(pk=exclude_pk)
        .filter(slug__in=candidates)
        .values_list("slug", flat=True)
    )
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    # Eleven items of the same title: the counter goes on past the batch.
    n = 12
    while True:
        candidate = _joined(base, f"-{n}")
        if not model._default_manager.filter(slug=candidate).exists():
            return candidate
        n += 1


def _joined(base: str, suffix: str) -> str:
    """`base` + `suffix` within SLUG_MAX_LENGTH, the base cut at a word."""
    room = SLUG_MAX_LENGTH - len(suffix)
    if len(base) > room:
        cut = base[:room]
        base = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return base + suffix


def copy_to_default_language(app_label: str, model_name: str, fields: tuple[str, ...]):
    """A migration step: the text a model held before it had a column per
    language (`name`) becomes the default language's (`name_en`)."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        code = settings.LANGUAGE_CODE.replace("-", "_")
        names = {field.name for field in model._meta.get_fields()}
        for field in fields:
            column = f"{field}_{code}"
            if column in names:
                model._default_manager.filter(**{f"{column}__isnull": True}).update(
                    **{column: models.F(field)}
                )

    return forwards


def plain_columns(queryset):
    """`queryset` naming columns as they are (`name`, not the current
    language's `name_ru`): modeltranslation's querysets rewrite names and put
    a `.values()`'s columns in their own order, which a UNION cannot take."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def default_language_field(model, name: str) -> str:
    """The form field of `name` an error belongs on: the default language's
    column (`portrait_alt_en`) for a field kept in each language, else `name`."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return name
    return f"{name}_{default_language()}" if name in translated else name
