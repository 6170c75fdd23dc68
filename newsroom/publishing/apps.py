from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "newsroom.publishing"
    verbose_name = "Publishing"
