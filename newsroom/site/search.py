"""Search across everything public: news, speeches, events and officials.

Each kind is searched by the backend chosen for the database
(newsroom/publishing/search.py); the kinds are merged in one ranked, paginated
UNION, and only the rows of the page shown get highlighted titles and snippets.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, DateField, F, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.safestring import SafeString

from newsroom.events.models import Event
from newsroom.news.models import NewsItem
from newsroom.officials.models import Official
from newsroom.publishing.search import SearchTerms, get_backend
from newsroom.speeches.models import Speech

# How many of the newest matches of each kind are ranked (see search()).
CANDIDATES = 500


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    queryset: Callable
    date: Callable | None  # the date a result is listed under; None: undated
    newest_first: tuple[str, ...]  # an indexed ordering, to pick the newest matches
    url_fields: tuple[str, ...]
    url: Callable[[dict], str]

    @property
    def model(self):
        return self.queryset().model


def _news_url(row):
    return reverse("news:detail", args=[row["section__slug"], row["slug"]])


def _url_by_slug(name):
    return lambda row: reverse(name, args=[row["slug"]])


SOURCES = {
    source.kind: source
    for source in [
        Source(
            kind="news",
            label="News",
            queryset=lambda: NewsItem.objects.live(),
            date=lambda: TruncDate("published_at"),
            newest_first=("-published_at", "-pk"),
            url_fields=("slug", "section__slug"),
            url=_news_url,
        ),
        Source(
            kind="speech",
            label="Speech",
            queryset=lambda: Speech.objects.live(),
            date=lambda: F("delivered_on"),
            newest_first=("-delivered_on", "-pk"),
            url_fields=("slug",),
            url=_url_by_slug("speeches:detail"),
        ),
        Source(
            kind="event",
            label="Event",
            queryset=lambda: Event.objects.live(),
            date=lambda: F("starts_on"),
            newest_first=("-starts_on", "-pk"),
            url_fields=("slug",),
            url=_url_by_slug("events:detail"),
        ),
        Source(
            kind="official",
            label="Official",
            # Every official's page is public, current or former.
            queryset=lambda: Official.objects.all(),
            date=None,
            newest_first=("-pk",),
            url_fields=("slug",),
            url=_url_by_slug("officials:detail"),
        ),
    ]
}


@dataclass
class Result:
    kind: str
    label: str
    url: str
    date: datetime.date | None
    title: SafeString
    snippet: SafeString


def search(
    terms: SearchTerms,
    kind: str | None = None,
    section=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
):
    """A lazy UNION of matching rows (pk, result_kind, item_date, search_rank), best
    first."""
    backend = get_backend()
    parts = []
    for source in SOURCES.values():
        if kind and source.kind != kind:
            continue
        if section is not None and source.kind != "news":
            continue  # only news has sections
        if (date_from or date_to) and source.date is None:
            continue  # undated kinds cannot match a date range
        queryset = source.queryset()
        if section is not None:
            queryset = queryset.filter(section=section)
        item_date = source.date() if source.date else Value(None, DateField())
        queryset = queryset.annotate(item_date=item_date)
        if date_from:
            queryset = queryset.filter(item_date__gte=date_from)
        if date_to:
            queryset = queryset.filter(item_date__lte=date_to)
        fields = source.model.search_fields
        # Rank the newest CANDIDATES matches of each kind, not every match: a
        # common word matches most of the archive, and ranking all of it is
        # what makes full-text search slow. Rarer queries are ranked in full.
        candidates = backend.match(queryset, terms, fields)
        candidates = candidates.order_by(*source.newest_first)[:CANDIDATES]
        queryset = queryset.filter(pk__in=candidates.values("pk")).annotate(
            search_rank=backend.rank(terms, fields)
        )
        parts.append(
            queryset.annotate(result_kind=Value(source.kind, CharField()))
            .order_by()
            .values("pk", "result_kind", "item_date", "search_rank")
        )
    if not parts:
        return NewsItem.objects.none().values("pk")
    first, *rest = parts
    return first.union(*rest, all=True).order_by(
        F("search_rank").desc(),
        F("item_date").desc(nulls_last=True),
        "result_kind",
        "pk",
    )


def results_for_page(rows, terms: SearchTerms) -> list[Result]:
    """Highlighted results for one page of `search()` rows, in the page's order."""
    backend = get_backend()
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["result_kind"], []).append(row["pk"])
    found = {}
    for kind, pks in wanted.items():
        source = SOURCES[kind]
        queryset = source.queryset().filter(pk__in=pks)
        for pk, (highlight, values) in backend.highlights(
            queryset, terms, source.model.search_fields, extra=source.url_fields
        ).items():
            found[kind, pk] = (highlight, values)
    results = []
    for row in rows:
        key = row["result_kind"], row["pk"]
        if key not in found:
            continue  # unpublished between the two queries
        highlight, values = found[key]
        source = SOURCES[row["result_kind"]]
        results.append(
            Result(
                kind=source.kind,
                label=source.label,
                url=source.url(values),
                date=row["item_date"],
                title=highlight.title,
                snippet=highlight.snippet,
            )
        )
    return results
