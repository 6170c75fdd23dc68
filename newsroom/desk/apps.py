from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The back office's home: the desk's queues, editorial notes, notifications."""

    name = "newsroom.desk"
    label = "desk"
    verbose_name = "Desk"

    def ready(self):
        from newsroom.desk import notifications

        notifications.connect()
