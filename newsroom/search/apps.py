from django.apps import AppConfig
from django.db.backends.signals import connection_created


def add_sqlite_functions(sender, connection, **kwargs):
    """SQLite gets the case folding the simple search compares with
    (newsroom/search/backends.py, Fold): its own LOWER knows only A-Z."""
    if connection.vendor == "sqlite":
        from newsroom.search.backends import fold

        connection.connection.create_function(
            "newsroom_fold", 1, fold, deterministic=True
        )


class SearchConfig(AppConfig):
    name = "newsroom.search"
    verbose_name = "Search"

    def ready(self):
        connection_created.connect(add_sqlite_functions, dispatch_uid="newsroom_fold")
