import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.acting import Actor, acting
from portal.actions import escalate_overdue


class Command(BaseCommand):
    help = (
        "Escalate citizens' reports whose answer is overdue to the level above (again after each further "
        "deadline) and tell its officers. Each report is escalated once per step, even when runs overlap."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        while True:
            with acting(Actor(source="command", name="escalate_reports")):
                count = escalate_overdue()
            self.stdout.write(f"{count} overdue report(s) escalated.")
            if not loop:
                break
            time.sleep(loop)
