from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "newsroom.media"
    verbose_name = "Images"
