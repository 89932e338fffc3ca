import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.actions import send_plan_reminders


class Command(BaseCommand):
    help = (
        "Chase the sites of upcoming exams and elections whose safety plan is missing or not approved. "
        "A site is chased once a day, even when several runs overlap."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", default="", help="the day to run as (YYYY-MM-DD); today by default")
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, today: str, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError("--today is a date as YYYY-MM-DD") from exc
        while True:
            self.stdout.write(f"{send_plan_reminders(day)} sites chased.")
            if not loop:
                break
            time.sleep(loop)
