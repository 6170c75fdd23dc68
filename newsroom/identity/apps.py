from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "newsroom.identity"
    verbose_name = _("Site identity")

    def ready(self):
        from newsroom.identity import signals  # noqa: F401
