from typing import Any

from django.core.management.base import CommandError, CommandParser

from lib.commands import LoopCommand
from safety import notify


class Command(LoopCommand):
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
        super().add_arguments(parser)

    def check_options(self, options: dict[str, Any]) -> None:
        if options["days"] is not None and options["days"] < 0:
            raise CommandError("--days must be 0 or more")

    def run_once(self, **options: Any) -> str:
        return notify.summary(notify.send_reminders(days=options["days"]))
