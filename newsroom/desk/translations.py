"""Translations to do: live originals of the last 30 days that have no
translation into a language yet (missing), and translations whose original's
text changed since they were brought up to date (outdated), with their age.

The desk shows the first few ("Translations to do"); the report
(/admin/translations/) lists them all, by language and state. Whatever the
number of kinds and languages, a page of either is two queries: one UNION of
every (kind, language, state) part for the rows and its count. Outdated is one
comparison per row: the original's text digest against the one the translation
was brought up to date with (newsroom/publishing/translations.py).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Value,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from newsroom.publishing import permissions
from newsroom.publishing.languages import language_in_words
from newsroom.publishing.models import Status
from newsroom.publishing.registry import content_kinds
from newsroom.publishing.translations import MISSING, OUTDATED

WINDOW = datetime.timedelta(days=30)
STATES = (MISSING, OUTDATED)
COLUMNS = (
    "kind_name",
    "target",
    "state",
    "original_id",
    "original_title",
    "since",
    "translation_id",
    "translation_title",
)


@dataclass
class ToDo:
    kind: str  # the kind's label ("News item")
    language: str
    state: str
    original_title: str
    original_url: str | None  # its change page, for those who may see it
    translate_url: str | None  # "Translate" (missing)
    translation_title: str | None
    translation_url: str | None  # the outdated translation's change page
    since: datetime.datetime

    @property
    def language_name(self) -> str:
        return language_in_words(self.language)

    @property
    def age(self) -> str:
        """ "3 days, 2 hours" (on the site's clock: Django's filter takes the
        system's)."""
        return timesince(self.since, timezone.now())


def _parts(user, now, language=None, state=None):
    parts = []
    for kind in content_kinds.editorial():
        if not (user.is_active and user.has_perm(kind.perm("view"))):
            continue
        manager = kind.model._default_manager
        for code, _name in settings.LANGUAGES:
            if language and code != language:
                continue
            if state in (None, MISSING):
                has_one = manager.filter(translation_of=OuterRef("pk"), language=code)
                missing = (
                    permissions.visible_to(user, manager.live())
                    .filter(translation_of__isnull=True, published_at__gte=now - WINDOW)
                    .exclude(language=code)
                    .exclude(Exists(has_one))
                )
                parts.append(
                    _columns(
                        missing,
                        kind,
                        code,
                        MISSING,
                        original_id=F("pk"),
                        original_title=F("title"),
                        since=F("published_at"),
                        translation_id=Cast(Value(None), IntegerField()),
                        translation_title=Cast(Value(None), CharField()),
                    )
                )
            if state in (None, OUTDATED):
                outdated = (
                    permissions.visible_to(user, manager.all())
                    .filter(
                        language=code,
                        translation_of__isnull=False,
                        translation_of__text_changed_at__gte=now - WINDOW,
                    )
                    .exclude(status=Status.ARCHIVED)
                    .exclude(source_digest=F("translation_of__text_digest"))
                )
                parts.append(
                    _columns(
                        outdated,
                        kind,
                        code,
                        OUTDATED,
                        original_id=F("translation_of_id"),
                        original_title=F("translation_of__title"),
                        since=F("translation_of__text_changed_at"),
                        translation_id=F("pk"),
                        translation_title=F("title"),
                    )
                )
    return parts


def _columns(queryset, kind, code, state, **columns):
    return (
        queryset.order_by()
        .annotate(
            kind_name=Value(kind.name, CharField()),
            target=Value(code, CharField()),
            state=Value(state, CharField()),
            original_id=columns["original_id"],
            original_title=columns["original_title"],
            since=Cast(columns["since"], DateTimeField()),
            translation_id=columns["translation_id"],
            translation_title=columns["translation_title"],
        )
        .values(*COLUMNS)
    )


def translations_to_do(user, *, language=None, state=None):
    """The UNION of every translation to do that `user` may see, oldest first
    (lazy: slice it for a page; `.count()` counts it). Editors see all; a
    reporter sees their own items' and the translations given to them: an
    editor gives the work out with "Translate"."""
    parts = _parts(user, timezone.now(), language, state)
    if not parts:
        return None
    first, *rest = parts
    union = first.union(*rest, all=True) if rest else first
    return union.order_by("since", "kind_name", "original_id", "target")


def entries(user, rows) -> list[ToDo]:
    """The rows of a page as ToDo entries, with the links `user` may follow."""
    todo = []
    for row in rows:
        kind = content_kinds.get(row["kind_name"])
        opts = kind.model._meta
        admin = f"admin:{opts.app_label}_{opts.model_name}"
        may_see_original = user.has_perm(kind.perm("publish"))
        may_add = user.has_perm(kind.perm("add"))
        todo.append(
            ToDo(
                kind=kind.label,
                language=row["target"],
                state=row["state"],
                original_title=row["original_title"],
                original_url=reverse(f"{admin}_change", args=[row["original_id"]])
                if may_see_original
                else None,
                translate_url=reverse(
                    f"{admin}_translate", args=[row["original_id"], row["target"]]
                )
                if row["state"] == MISSING and may_add
                else None,
                translation_title=row["translation_title"],
                translation_url=reverse(f"{admin}_change", args=[row["translation_id"]])
                if row["translation_id"]
                else None,
                since=row["since"],
            )
        )
    return todo


DESK_LENGTH = 10


def desk_block(user) -> dict:
    """The desk's "Translations to do": the count and the oldest few."""
    union = translations_to_do(user)
    if union is None:
        return {"count": 0, "entries": []}
    rows = list(union[:DESK_LENGTH])
    count = union.count()  # always: the desk's queries do not vary with its rows
    return {"count": count, "entries": entries(user, rows), "more": count - len(rows)}
