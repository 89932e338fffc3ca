from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from demo.dak_nong import DEMO_PASSWORD, DEMO_USERS, load_dak_nong


class Command(BaseCommand):
    help = "Load the Đắk Nông (2021) demo: units, villages, organisations and demo users. Safe to run again."
    requires_system_checks = []  # `make demo` runs them once, in migrate just before

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo creates users with a known password; it is refused when PRODUCTION=1.")
        # The demo's inspections and directives would otherwise print their emails to the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            summary = load_dak_nong()
        self.stdout.write(summary)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, description, _roles in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {description}")
