from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    label = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from newsroom.caching import signals

        signals.connect_content_models()
