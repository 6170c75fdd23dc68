from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "newsroom.site"
    label = "site"
    verbose_name = "Public site"
