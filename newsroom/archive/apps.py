from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Backups: export_content and import_content (one archive file). No models."""

    name = "newsroom.archive"
    verbose_name = _("Backups")
