from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "newsroom.identity"
    verbose_name = "Site identity"

    def ready(self):
        from newsroom.identity import signals  # noqa: F401
