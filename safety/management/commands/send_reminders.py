import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safety import notify


class Command(BaseCommand):
    help = (
        "Remind owners whose self-assessment expires within N days (by email and SMS) and warn the "
        "officers of the commune of places already overdue. Each reminder is sent once per place and "
        "validity period, even when several runs overlap."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="remind this many days before expiry (default: each province's safety policy, else 2)",
        )
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, days: int | None, loop: int, **options: Any) -> None:
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more")
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        while True:
            sent = notify.send_reminders(days=days)
            self.stdout.write(notify.summary(sent))
            if not loop:
                break
            time.sleep(loop)
