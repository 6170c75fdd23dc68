from django.core.management.base import BaseCommand

from newsroom.accounts.roles import sync_roles


class Command(BaseCommand):
    help = "Create the staff roles and reset their permissions to the defined sets."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        for role, count in sync_roles(using=database).items():
            self.stdout.write(f"{role}: {count} permissions")
        self.stdout.write(self.style.SUCCESS("Roles are in sync."))
