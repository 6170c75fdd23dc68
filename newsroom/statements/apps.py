from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "newsroom.statements"
    verbose_name = "Statements"
