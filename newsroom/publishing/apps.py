from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "newsroom.publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from newsroom.publishing import signals  # noqa: F401

        # Each app's content.py declares its kinds (newsroom/publishing/registry.py).
        autodiscover_modules("content")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the back office's own AdminSite."""

    default = False  # named in INSTALLED_APPS; PublishingConfig is this module's
    default_site = "newsroom.publishing.admin_site.NewsroomAdminSite"

    def ready(self):
        from newsroom.publishing.admin import names, times

        # The names Django derives from the code, translatable (admin/names.py).
        names.translate_derived_names()
        # Before autodiscover builds the ModelAdmins: one format for every date
        # and time entered in the admin, in the organisation's time zone.
        times.install()
        super().ready()
