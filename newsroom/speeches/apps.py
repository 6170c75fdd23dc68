from django.apps import AppConfig


class SpeechesConfig(AppConfig):
    name = "newsroom.speeches"
    verbose_name = "Speeches"
