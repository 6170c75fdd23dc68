"""Full-text search behind one small interface, chosen from the database in use.

- PostgreSQL: a stored, weighted `search_vector` (title A, summary B, body C,
  tags stripped), kept by a trigger on every write (newsroom/search/operations.py),
  with a GIN index; web-search syntax ("exact phrase", -word, or), stemming in
  the item's language (SEARCH_CONFIGS), ranking and `ts_headline` snippets.
- SQLite (the embedded default): every word must appear in the title, summary
  or body, case-insensitively in any script; matches in the title rank first.

A page searches in its own language: the query is stemmed with the text search
configuration of the page's language, the one its items were indexed with.
Rows that have no language (officials) keep their text in a column per
language, and are indexed with every configuration, so that either spelling of
a name is found from a page in either language.

`match()` narrows a queryset, `rank()` scores a row, `filter()` does both;
`highlights()` marks the words in the title and a snippet for one page's rows.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.db.models.lookups import Contains
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import smart_split

from newsroom.publishing.languages import current_language, default_language

# PostgreSQL's text search configuration (its stemmer and stop words) for the
# items of each language; a language without one is indexed word for word. The
# triggers are built from this table: a change needs migrations that re-install
# them (InstallSearchTrigger), which tests/search/test_triggers.py checks.
SEARCH_CONFIGS = {"en": "english", "ru": "russian"}
# Word for word: other languages' items, and the words as written beside the
# stems. Snowball's Russian stemmer gives "саммит" the stem "самм" but
# "саммита" the stem "саммит", so stems alone miss one form from the other; a
# query matches a stem or a word as written ("саммит" finds "саммита").
WORD_FOR_WORD_CONFIG = "simple"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 20
SNIPPET_LENGTH = 280
_START, _STOP = "\x01", "\x02"  # highlight markers: control characters, never in text
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+(?:['-]\w+)*")


def search_config(language: str) -> str:
    """The text search configuration of items in `language` ("ru" → "russian")."""
    return SEARCH_CONFIGS.get(language, WORD_FOR_WORD_CONFIG)


def every_search_config() -> list[str]:
    """Each configuration once: rows without a language are indexed with all."""
    return list(dict.fromkeys([*SEARCH_CONFIGS.values(), WORD_FOR_WORD_CONFIG]))


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


def _column(name: str, code: str) -> str:
    """modeltranslation's column of `name` in a language: name_en, name_pt_br."""
    return f"{name}_{code.replace('-', '_')}"


def _translation_languages() -> tuple[str, ...]:
    """The languages modeltranslation made columns for (name_en, name_ru …)."""
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    return tuple(AVAILABLE_LANGUAGES)


@dataclass(frozen=True)
class SearchFields:
    """Which fields of a model are searched: its title, plain-text fields and
    rich-text ones.

    `translated`: each field is kept in a column per language (modeltranslation's
    name_en, name_ru …). Every language's columns are searched and indexed, so
    either spelling of a name finds the row; results show the page's language's
    text, or the default language's where that is empty.
    """

    title: str
    text: tuple[str, ...] = ()
    html: tuple[str, ...] = ()
    translated: bool = False

    def columns(self, *names: str) -> tuple[str, ...]:
        """The database columns holding `names` (each language's, if translated)."""
        if not self.translated:
            return names
        codes = _translation_languages()
        return tuple(_column(name, code) for name in names for code in codes)

    @property
    def title_columns(self) -> tuple[str, ...]:
        return self.columns(self.title)

    @property
    def text_columns(self) -> tuple[str, ...]:
        return self.columns(*self.text)

    @property
    def html_columns(self) -> tuple[str, ...]:
        return self.columns(*self.html)

    @property
    def all(self) -> tuple[str, ...]:
        """Every column searched (and, on PostgreSQL, in the search vector)."""
        return (*self.title_columns, *self.text_columns, *self.html_columns)

    def shown(self, name: str) -> tuple[str, ...]:
        """The columns a result shows `name` from, first non-empty one wins: the
        page's language's, then the default language's (as modeltranslation
        falls back)."""
        if not self.translated:
            return (name,)
        codes = dict.fromkeys([current_language(), default_language()])
        return tuple(_column(name, code) for code in codes)


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


def fold(text: str | None) -> str | None:
    """Text compared without case, in any script (SQLite's LOWER and LIKE fold
    only A-Z: "Тасмагамбетов" would not find "ТАСМАГАМБЕТОВ")."""
    return text.casefold() if isinstance(text, str) else text


class Fold(Func):
    """A column's text without case: LOWER, or on SQLite Python's casefold,
    which the connection gets when it opens (newsroom/search/apps.py)."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="newsroom_fold", **extra_context
        )


def _contains(column: str, word: str):
    """`column` contains `word`, case folded in any script."""
    return Contains(Fold(F(column)), fold(word))


def _first_filled(row: dict, columns: tuple[str, ...]) -> str:
    return next((row[column] for column in columns if row[column]), "")


class SimpleBackend:
    """Portable matcher for SQLite: all words, anywhere in title, summary or body."""

    name = "simple"

    def match(self, queryset, terms: SearchTerms, fields: SearchFields):
        for word in terms.words:
            anywhere = Q()
            for name in fields.all:
                anywhere |= _contains(name, word)
            queryset = queryset.filter(anywhere)
        return queryset

    def rank(self, terms: SearchTerms, fields: SearchFields):
        # Title above summary above body, as on PostgreSQL (weights A, B, C).
        score = Value(0.0)
        for word in terms.words:
            score += Case(
                *[
                    When(_contains(n, word), then=Value(1.0))
                    for n in fields.title_columns
                ],
                *[
                    When(_contains(n, word), then=Value(0.4))
                    for n in fields.text_columns
                ],
                default=Value(0.2),
                output_field=FloatField(),
            )
        return score

    def filter(self, queryset, terms: SearchTerms, fields: SearchFields):
        matches = self.match(queryset, terms, fields)
        return matches.annotate(search_rank=self.rank(terms, fields))

    def highlights(self, queryset, terms: SearchTerms, fields: SearchFields, extra=()):
        """{pk: (Highlight, {extra field: value})} for the rows of `queryset`,
        in the page's language where the fields have one."""
        pattern = re.compile(
            "|".join(re.escape(w) for w in sorted(terms.words, key=len, reverse=True)),
            re.IGNORECASE,
        )

        def mark(text):
            return _marked(pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", text))

        result = {}
        for row in queryset.values("pk", *fields.all, *extra):
            parts = [_first_filled(row, fields.shown(name)) for name in fields.text]
            parts += [
                html.unescape(strip_tags(_first_filled(row, fields.shown(name))))
                for name in fields.html
            ]
            plain = " ".join(" ".join(parts).split())
            result_snippet = _snippet_around(plain, pattern.search(plain))
            title = _first_filled(row, fields.shown(fields.title))
            highlight = Highlight(mark(title), mark(result_snippet))
            result[row["pk"]] = (highlight, {name: row[name] for name in extra})
        return result


class StripTags(Func):
    """PostgreSQL: the text of an HTML fragment (tags replaced by spaces)."""

    function = "regexp_replace"
    template = "%(function)s(COALESCE(%(expressions)s, ''), '<[^>]*>', ' ', 'g')"
    output_field = TextField()


def _shown(fields: SearchFields, name: str):
    """`name` as a result shows it: the first non-empty of its columns."""
    columns = fields.shown(name)
    if len(columns) == 1:
        return F(columns[0])
    return Coalesce(*[NullIf(F(c), Value("")) for c in columns], Value(""))


class StemmedOrAsWritten(SearchQuery):
    """A web search (`"phrase"`, -word, or) of words stemmed in `config`, or
    of the same words as written (the trigger indexes both; see
    WORD_FOR_WORD_CONFIG). A query of stop words only ("the", "и") stays
    empty and finds nothing, as before: written out, it would find every item
    containing them."""

    def __init__(self, text: str, config: str):
        super().__init__(text, search_type="websearch", config=config)
        self.text, self.stemming = text, config != WORD_FOR_WORD_CONFIG

    def as_sql(self, compiler, connection, function=None, template=None):
        stemmed, params = super().as_sql(compiler, connection, function, template)
        if not self.stemming:
            return stemmed, params
        written = "websearch_to_tsquery(%s::regconfig, %s)"
        sql = (
            f"(CASE WHEN numnode({stemmed}) = 0 THEN {stemmed}"
            f" ELSE {stemmed} || {written} END)"
        )
        return sql, [*params, *params, *params, WORD_FOR_WORD_CONFIG, self.text]


class PostgresBackend:
    """PostgreSQL full-text search over the stored `search_vector`, in the
    page's language: its words are stemmed as that language's items were."""

    name = "postgres"

    @staticmethod
    def _config() -> str:
        return search_config(current_language())

    def _query(self, terms: SearchTerms):
        return StemmedOrAsWritten(terms.text, self._config())

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
        options = {"config": self._config(), "start_sel": _START, "stop_sel": _STOP}
        parts = [Cast(_shown(fields, name), TextField()) for name in fields.text]
        parts += [StripTags(_shown(fields, name)) for name in fields.html]
        text = Concat(
            *[p for part in parts for p in (part, Value(" "))], output_field=TextField()
        )
        title = SearchHeadline(
            _shown(fields, fields.title), query, highlight_all=True, **options
        )
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
