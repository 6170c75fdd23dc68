from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsroom.accounts"
    verbose_name = "Staff accounts"
