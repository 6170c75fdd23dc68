from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self):
        from newsroom.caching import signals

        signals.connect_content_models()
