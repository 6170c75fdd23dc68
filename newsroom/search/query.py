"""Search across everything public: every kind the registry marks searchable.

Each kind is searched by the backend chosen for the database
(newsroom/search/backends.py) over its public queryset (`.live()` for
editorial items); the kinds are merged in one ranked, paginated UNION, and only
the rows of the page shown get highlighted titles and snippets.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, DateField, F, Value
from django.utils.safestring import SafeString

from newsroom.publishing.languages import plain_columns
from newsroom.publishing.registry import content_kinds
from newsroom.search.backends import SearchTerms, get_backend

# How many of the newest matches of each kind are ranked (see search()).
CANDIDATES = 500


@dataclass
class Result:
    kind: str
    label: str
    url: str
    date: datetime.date | None
    title: SafeString
    snippet: SafeString


def _kind_parts(
    terms: SearchTerms,
    kind: str | None,
    category,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    ranked: bool,
) -> list:
    """One `.values()` queryset a searchable kind: its matching public rows."""
    backend = get_backend()
    parts = []
    for source in content_kinds.searchable():
        if kind and source.name != kind:
            continue
        group = source.category
        if category is not None and (
            group is None or not isinstance(category, group.queryset().model)
        ):
            continue  # only the kind grouped that way can be in the group
        if (date_from or date_to) and source.date_field is None:
            continue  # undated kinds cannot match a date range
        # Plain column names: modeltranslation's queryset would rewrite them to
        # the current language's columns and reorder a union's columns.
        queryset = plain_columns(source.public_queryset())
        if category is not None:
            queryset = queryset.filter(**{group.field: category})
        item_date = source.date_expression()
        if item_date is None:
            item_date = Value(None, DateField())
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
            result_kind=Value(source.name, CharField())
        )
        if ranked:
            queryset = queryset.annotate(search_rank=backend.rank(terms, fields))
            columns = ("pk", "result_kind", "item_date", "search_rank")
        else:
            columns = ("result_kind",)
        parts.append(queryset.order_by().values(*columns))
    return parts


def search(
    terms: SearchTerms,
    kind: str | None = None,
    category=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
):
    """A lazy UNION of matching rows (pk, result_kind, item_date, search_rank), best
    first. `category` is a row of a kind's category (a news section): only that
    kind's items in it match. Slice it for a page: the database ranks, sorts and
    cuts; only that page's rows come to Python."""
    parts = _kind_parts(terms, kind, category, date_from, date_to, ranked=True)
    if not parts:
        return []
    first, *rest = parts
    return first.union(*rest, all=True).order_by(
        F("search_rank").desc(),
        F("item_date").desc(nulls_last=True),
        "result_kind",
        "pk",
    )


def count_by_kind(
    terms: SearchTerms,
    kind: str | None = None,
    category=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, int]:
    """{kind name: matches} for the same search as `search()`, counted by the
    database in one query, nothing ranked (each count is at most CANDIDATES)."""
    parts = _kind_parts(terms, kind, category, date_from, date_to, ranked=False)
    if not parts:
        return {}
    first, *rest = parts
    sql, params = first.union(*rest, all=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT result_kind, COUNT(*) FROM"
            f" ({sql}) AS matches GROUP BY result_kind",  # noqa: S608 - Django's SQL
            params,
        )
        return dict(cursor.fetchall())


def results_for_page(rows, terms: SearchTerms) -> list[Result]:
    """Highlighted results for one page of `search()` rows, in the page's order."""
    backend = get_backend()
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["result_kind"], []).append(row["pk"])
    found = {}
    for kind, pks in wanted.items():
        source = content_kinds.get(kind)
        # The search fields name each language's columns themselves.
        queryset = plain_columns(source.public_queryset()).filter(pk__in=pks)
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
        source = content_kinds.get(row["result_kind"])
        results.append(
            Result(
                kind=source.name,
                label=source.label,
                url=source.url_from_values(values),
                date=row["item_date"],
                title=highlight.title,
                snippet=highlight.snippet,
            )
        )
    return results
