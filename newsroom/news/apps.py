from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsroom.news"
    verbose_name = "News"
