"""Create the staff roles on every new database (see newsroom/accounts/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.accounts.roles import ROLES, sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0001_initial"),
        ("speeches", "0001_initial"),
        ("events", "0001_initial"),
        ("officials", "0001_initial"),
        ("publishing", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
