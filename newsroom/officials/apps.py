from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialsConfig(AppConfig):
    name = "newsroom.officials"
    verbose_name = _("Officials")
