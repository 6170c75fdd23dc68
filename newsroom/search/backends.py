"""Full-text search behind one small interface, chosen from the database in use.

- PostgreSQL: a stored, weighted `search_vector` (title A, summary B, body C,
  tags stripped), kept by a trigger on every write (newsroom/search/operations.py),
  with a GIN index; web-search syntax ("exact phrase", -word, or), stemming,
  ranking and `ts_headline` snippets.
- SQLite (the embedded default): every word must appear in the title, summary
  or body, case-insensitively; matches in the title rank first.

`match()` narrows a queryset, `rank()` scores a row, `filter()` does both;
`highlights()` marks the words in the title and a snippet for one page's rows.
"""

import html
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import smart_split

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 20
SNIPPET_LENGTH = 280
_START, _STOP = "\x01", "\x02"  # highlight markers: control characters, never in text
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:['-]\w+)*")


def bounded_search_term(search_term: str | None) -> str:
    """A search as Django's admin reads it (words and "phrases"), bounded like
    the public search: no control characters (PostgreSQL refuses a NUL in a
    query), at most MAX_QUERY_LENGTH characters and MAX_WORDS distinct words.
    Each word adds a condition over every search field: 20,000 of them make a
    query too deep for SQLite (a server error otherwise)."""
    text = CONTROL_CHARACTERS.sub(" ", search_term or "")[:MAX_QUERY_LENGTH]
    return " ".join(list(dict.fromkeys(smart_split(text)))[:MAX_WORDS])


@dataclass
class SearchTerms:
    """A visitor's query, cleaned: control characters gone, length capped."""

    text: str
    truncated: bool = False
    words: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, raw: str | None) -> "SearchTerms":
        text = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
        truncated = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH]
        # Distinct words, at most MAX_WORDS: each adds a term to the query.
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))
        truncated = truncated or len(words) > MAX_WORDS
        return cls(text=text, truncated=truncated, words=words[:MAX_WORDS])

    def __bool__(self):
        return bool(self.words)


@dataclass(frozen=True)
class SearchFields:
    """Which columns of a model are searched: plain-text ones and rich-text ones."""

    title: str
    text: tuple[str, ...] = ()
    html: tuple[str, ...] = ()

    @property
    def all(self):
        return (self.title, *self.text, *self.html)


@dataclass
class Highlight:
    title: SafeString
    snippet: SafeString


def _marked(text: str) -> SafeString:
    """Escape `text`, then turn the highlight markers into <mark> elements."""
    escaped = escape(" ".join(html.unescape(text or "").split()))
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _snippet_around(text: str, match) -> str:
    """About SNIPPET_LENGTH characters of `text` around `match`, cut between words."""
    start = max(0, match.start() - SNIPPET_LENGTH // 3) if match else 0
    end = start + SNIPPET_LENGTH
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    snippet = text[start:end].strip()
    return f"{'… ' if start else ''}{snippet}{' …' if end < len(text) else ''}"


class SimpleBackend:
    """Portable matcher for SQLite: all words, anywhere in title, summary or body."""

    name = "simple"

    def match(self, queryset, terms: SearchTerms, fields: SearchFields):
        for word in terms.words:
            anywhere = Q()
            for name in fields.all:
                anywhere |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(anywhere)
        return queryset

    def rank(self, terms: SearchTerms, fields: SearchFields):
        # Title above summary above body, as on PostgreSQL (weights A, B, C).
        score = Value(0.0)
        for word in terms.words:
            score += Case(
                When(**{f"{fields.title}__icontains": word}, then=Value(1.0)),
                *[
                    When(**{f"{n}__icontains": word}, then=Value(0.4))
                    for n in fields.text
                ],
                default=Value(0.2),
                output_field=FloatField(),
            )
        return score

    def filter(self, queryset, terms: SearchTerms, fields: SearchFields):
        matches = self.match(queryset, terms, fields)
        return matches.annotate(search_rank=self.rank(terms, fields))

    def highlights(self, queryset, terms: SearchTerms, fields: SearchFields, extra=()):
        """{pk: (Highlight, {extra field: value})} for the rows of `queryset`."""
        pattern = re.compile(
            "|".join(re.escape(w) for w in sorted(terms.words, key=len, reverse=True)),
            re.IGNORECASE,
        )

        def mark(text):
            return _marked(pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", text))

        result = {}
        for row in queryset.values("pk", *fields.all, *extra):
            parts = [row[name] or "" for name in fields.text]
            parts += [
                html.unescape(strip_tags(row[name] or "")) for name in fields.html
            ]
            plain = " ".join(" ".join(parts).split())
            result_snippet = _snippet_around(plain, pattern.search(plain))
            highlight = Highlight(mark(row[fields.title]), mark(result_snippet))
            result[row["pk"]] = (highlight, {name: row[name] for name in extra})
        return result


class StripTags(Func):
    """PostgreSQL: the text of an HTML fragment (tags replaced by spaces)."""

    function = "regexp_replace"
    template = "%(function)s(COALESCE(%(expressions)s, ''), '<[^>]*>', ' ', 'g')"
    output_field = TextField()


class PostgresBackend:
    """PostgreSQL full-text search over the stored `search_vector`."""

    name = "postgres"

    def _query(self, terms: SearchTerms):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(terms.text, search_type="websearch", config=SEARCH_CONFIG)

    def match(self, queryset, terms: SearchTerms, fields: SearchFields):
        return queryset.filter(search_vector=self._query(terms))

    def rank(self, terms: SearchTerms, fields: SearchFields):
        from django.contrib.postgres.search import SearchRank

        return SearchRank(F("search_vector"), self._query(terms))

    def filter(self, queryset, terms: SearchTerms, fields: SearchFields):
        matches = self.match(queryset, terms, fields)
        return matches.annotate(search_rank=self.rank(terms, fields))

    def highlights(self, queryset, terms: SearchTerms, fields: SearchFields, extra=()):
        from django.contrib.postgres.search import SearchHeadline

        query = self._query(terms)
        options = {"config": SEARCH_CONFIG, "start_sel": _START, "stop_sel": _STOP}
        parts = [Cast(name, TextField()) for name in fields.text]
        parts += [StripTags(name) for name in fields.html]
        text = Concat(
            *[p for part in parts for p in (part, Value(" "))], output_field=TextField()
        )
        title = SearchHeadline(fields.title, query, highlight_all=True, **options)
        rows = queryset.annotate(
            title_marked=title,
            snippet_marked=SearchHeadline(
                text, query, max_words=45, min_words=20, max_fragments=2,
                fragment_delimiter=" … ", **options,
            ),
        ).values("pk", "title_marked", "snippet_marked", *extra)  # fmt: skip
        return {
            row["pk"]: (
                Highlight(_marked(row["title_marked"]), _marked(row["snippet_marked"])),
                {name: row[name] for name in extra},
            )
            for row in rows
        }


def get_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SimpleBackend()
