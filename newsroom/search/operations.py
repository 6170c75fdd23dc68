"""The migration operation that gives a searchable kind its PostgreSQL trigger.

Every model with a `search_vector` gets it from this one helper, in its own
app's migration:

    InstallSearchTrigger("statement", title="title", text=["summary"], html=["body"])

The trigger fills `search_vector` (title weight A, plain text B, rich text C
with tags and entities stripped) on every insert and update, whatever writes
the row, and a GIN index serves the queries. On SQLite it does nothing: the
simple backend searches the columns themselves. tests/search/test_triggers.py
fails when a searchable kind has no trigger, or one over other columns.
"""

from django.db.migrations.operations.base import Operation

from newsroom.search.backends import SEARCH_CONFIG, SearchFields


def trigger_name(table: str) -> str:
    return f"{table}_search_vector"


def search_vector_sql(table: str, fields: SearchFields) -> tuple[str, str]:
    """SQL that installs (or replaces) and removes the trigger of `table`."""

    def vector(columns, weight, strip):
        parts = []
        for column in columns:
            value = f"coalesce(NEW.{column}, '')"
            if strip:  # tags and entities are markup, not words
                value = (
                    f"regexp_replace(regexp_replace({value}, '<[^>]*>', ' ', 'g'), "
                    "'&[#a-zA-Z0-9]+;', ' ', 'g')"
                )
            parts.append(
                f"setweight(to_tsvector('{SEARCH_CONFIG}', {value}), '{weight}')"
            )
        return parts

    parts = (
        vector([fields.title], "A", False)
        + vector(fields.text, "B", False)
        + vector(fields.html, "C", True)
    )
    trigger = trigger_name(table)
    function = f"{table}_search_vector_update"
    install = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
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

    def __init__(self, model_name, title, text=(), html=()):
        self.model_name = model_name
        self.fields = SearchFields(title=title, text=tuple(text), html=tuple(html))

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "title": self.fields.title}
        if self.fields.text:
            kwargs["text"] = list(self.fields.text)
        if self.fields.html:
            kwargs["html"] = list(self.fields.html)
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # no model state: the trigger lives in the database only

    def _sql(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        return search_vector_sql(model._meta.db_table, self.fields)

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
