from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsroom.publishing"
    verbose_name = "Publishing"

    def ready(self):
        from newsroom.publishing import signals  # noqa: F401
