"""The migration operation that gives a searchable kind its PostgreSQL trigger.

Every model with a `search_vector` gets it from this one helper, in its own
app's migration:

    InstallSearchTrigger(
        "statement", title="title", text=["summary"], html=["body"], language="language"
    )

The trigger fills `search_vector` (title weight A, plain text B, rich text C
with tags and entities stripped) on every insert and update, whatever writes
the row, and a GIN index serves the queries. `language` names the column that
says the row's language: its words are stemmed with that language's
configuration (backends.SEARCH_CONFIGS), and kept as written too. A row
without one (an official, whose text is in a column per language:
`title=["name_en", "name_ru"]`) is indexed with every configuration, so a
query in any language finds it. On SQLite it does nothing: the simple backend
searches the columns themselves.
tests/search/test_triggers.py fails when a searchable kind has no trigger, or
one over other columns or languages.
"""

from django.db.migrations.operations.base import Operation

from newsroom.search.backends import (
    SEARCH_CONFIGS,
    WORD_FOR_WORD_CONFIG,
    every_search_config,
)


def trigger_name(table: str) -> str:
    return f"{table}_search_vector"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def language_config_sql(column: str) -> str:
    """The row's configuration: CASE NEW.language WHEN 'ru' THEN 'russian' … END."""
    whens = " ".join(
        f"WHEN {_sql_string(code)} THEN {_sql_string(config)}::regconfig"
        for code, config in SEARCH_CONFIGS.items()
    )
    fallback = _sql_string(WORD_FOR_WORD_CONFIG)
    return f"CASE NEW.{column} {whens} ELSE {fallback}::regconfig END"


def search_vector_sql(
    table: str,
    title: tuple[str, ...],
    text: tuple[str, ...] = (),
    html: tuple[str, ...] = (),
    language: str | None = None,
) -> tuple[str, str]:
    """SQL that installs (or replaces) and removes the trigger of `table`."""

    def vector(config, columns, weight, strip):
        parts = []
        for column in columns:
            value = f"coalesce(NEW.{column}, '')"
            if strip:  # tags and entities are markup, not words
                value = (
                    f"regexp_replace(regexp_replace({value}, '<[^>]*>', ' ', 'g'), "
                    "'&[#a-zA-Z0-9]+;', ' ', 'g')"
                )
            parts.append(f"setweight(to_tsvector({config}, {value}), '{weight}')")
        return parts

    def vectors(config):
        return (
            vector(config, title, "A", False)
            + vector(config, text, "B", False)
            + vector(config, html, "C", True)
        )

    if language:
        # Stems in the row's language, and the words as written.
        declare = f"config regconfig := {language_config_sql(language)};"
        parts = vectors("config") + vectors(
            f"{_sql_string(WORD_FOR_WORD_CONFIG)}::regconfig"
        )
    else:
        declare = ""
        parts = [
            p
            for config in every_search_config()
            for p in vectors(f"{_sql_string(config)}::regconfig")
        ]
    trigger = trigger_name(table)
    function = f"{table}_search_vector_update"
    install = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        DECLARE {declare}
        BEGIN
            NEW.search_vector := {" || ".join(parts)};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {trigger} ON {table};
        CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
        CREATE INDEX IF NOT EXISTS {table}_search_vector_gin
            ON {table} USING gin (search_vector);
        UPDATE {table} SET search_vector = NULL;
    """
    remove = f"""
        DROP TRIGGER IF EXISTS {trigger} ON {table};
        DROP FUNCTION IF EXISTS {function}();
        DROP INDEX IF EXISTS {table}_search_vector_gin;
    """
    return install, remove


class InstallSearchTrigger(Operation):
    """Install (or, run again with other fields, replace) a model's search trigger."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name, title, text=(), html=(), language=None):
        """`title`: a column or a list of them (weight A); `text` (B) and `html`
        (C, markup stripped): lists of columns; `language`: the column holding
        the row's language code, if it has one."""
        self.model_name = model_name
        self.title = (title,) if isinstance(title, str) else tuple(title)
        self.text = tuple(text)
        self.html = tuple(html)
        self.language = language

    def deconstruct(self):
        title = self.title[0] if len(self.title) == 1 else list(self.title)
        kwargs = {"model_name": self.model_name, "title": title}
        if self.text:
            kwargs["text"] = list(self.text)
        if self.html:
            kwargs["html"] = list(self.html)
        if self.language:
            kwargs["language"] = self.language
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # no model state: the trigger lives in the database only

    def _sql(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        return search_vector_sql(
            model._meta.db_table, self.title, self.text, self.html, self.language
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(self._sql(app_label, schema_editor, to_state)[0])

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(self._sql(app_label, schema_editor, from_state)[1])

    def describe(self):
        return f"Install the full-text search trigger of {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"search_trigger_{self.model_name.lower()}"
