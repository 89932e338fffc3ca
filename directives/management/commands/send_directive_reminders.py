from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directives.actions import send_reminders


class Command(BaseCommand):
    help = (
        "Remind every recipient that has not reported before each report deadline in the next few days. "
        "Safe to run twice, or twice at once: a recipient is reminded once per deadline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days-before", type=int, default=3, help="how many days ahead of a deadline to remind")
        parser.add_argument("--today", default="", help="the day to run as (YYYY-MM-DD); today by default")

    def handle(self, *args: object, **options: object) -> None:
        try:
            today = date.fromisoformat(str(options["today"])) if options["today"] else None
        except ValueError as exc:
            raise CommandError("--today is a date as YYYY-MM-DD") from exc
        sent = send_reminders(today, int(options["days_before"]))  # type: ignore[call-overload]
        self.stdout.write(f"{sent} reminders sent.")
