from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Backups: export_content and import_content (one archive file). No models."""

    name = "newsroom.archive"
    verbose_name = "Backups"
