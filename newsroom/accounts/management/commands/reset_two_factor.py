from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.accounts.two_factor import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-factor devices (a lost phone): their next "
        "login asks for no code, or sends them to enrolment if their role "
        "requires two-factor login. For superusers (site administrators use the "
        "action in the staff list)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        count = reset_two_factor(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-factor login of {username} reset ({count} device(s) removed)."
            )
        )
