from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The back office's home: the desk's queues, editorial notes, notifications."""

    name = "newsroom.desk"
    label = "desk"
    verbose_name = _("Desk")

    def ready(self):
        from newsroom.desk import notifications

        notifications.connect()
