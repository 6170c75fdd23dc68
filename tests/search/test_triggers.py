"""Every searchable kind has its PostgreSQL search trigger, over the columns
its model says are searched; without it search would silently find nothing."""

import pytest
from django.db import connection

from newsroom.publishing.registry import content_kinds
from newsroom.search.backends import (
    SEARCH_CONFIGS,
    WORD_FOR_WORD_CONFIG,
    every_search_config,
)
from newsroom.search.operations import trigger_name

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="triggers exist on PostgreSQL only"
    ),
]

SEARCHABLE = [kind.name for kind in content_kinds.searchable()]


def trigger_source(table):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p.prosrc FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE c.relname = %s AND t.tgname = %s AND NOT t.tgisinternal
            """,
            [table, trigger_name(table)],
        )
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.mark.parametrize("name", SEARCHABLE)
def test_each_searchable_kind_has_its_trigger_over_its_search_fields(name):
    kind = content_kinds.get(name)
    source = trigger_source(kind.model._meta.db_table)
    assert source is not None, f"{kind.model.__name__} has no search trigger"
    for column in kind.model.search_fields.all:
        assert f"NEW.{column}" in source


@pytest.mark.parametrize("name", SEARCHABLE)
def test_each_trigger_stems_with_the_configurations_of_today(name):
    """SEARCH_CONFIGS changed without a migration re-installing the triggers
    would index with the old configurations and query with the new ones."""
    kind = content_kinds.get(name)
    source = trigger_source(kind.model._meta.db_table)
    if kind.editorial:  # a row in one language: that language's stemmer
        for code, config in SEARCH_CONFIGS.items():
            assert f"WHEN '{code}' THEN '{config}'::regconfig" in source
        assert f"ELSE '{WORD_FOR_WORD_CONFIG}'::regconfig" in source
    else:  # no language of its own (officials): every stemmer
        for config in every_search_config():
            assert f"to_tsvector('{config}'::regconfig" in source
