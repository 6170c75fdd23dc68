from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "newsroom.officials"
    verbose_name = "Officials"
