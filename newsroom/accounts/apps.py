from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_roles(app_config, using="default", **kwargs):
    """After `migrate`, as Django's create_permissions: give the roles their sets.

    Permissions of every app are made first (create_permissions is idempotent),
    so the roles do not depend on the order in which apps are migrated.
    """
    from django.contrib.auth.management import create_permissions

    from newsroom.accounts.roles import sync_roles

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles(using=using)


class AccountsConfig(AppConfig):
    name = "newsroom.accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from newsroom.accounts import two_factor  # noqa: F401 - its login receiver

        # Follow auth's post_migrate, which comes after every migrate and every
        # flush (tests included); the roles need every app's permissions.
        post_migrate.connect(
            create_roles,
            sender=apps.get_app_config("auth"),
            dispatch_uid="newsroom.accounts.create_roles",
        )
