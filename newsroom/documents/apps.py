from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "newsroom.documents"
    verbose_name = "Documents"
