from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from newsroom.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Create the staff roles and reset their permissions to the defined sets."

    def handle(self, *args, **options):
        for role, count in sync_roles(Group, Permission).items():
            self.stdout.write(f"{role}: {count} permissions")
        self.stdout.write(self.style.SUCCESS("Roles are in sync."))
