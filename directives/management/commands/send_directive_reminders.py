from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from directives.actions import send_reminders
from lib.commands import parse_day


class Command(BaseCommand):
    help = (
        "Remind every recipient that has not reported before each report deadline in the next few days. "
        "Safe to run twice, or twice at once: a recipient is reminded once per deadline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days-before", type=int, default=3, help="how many days ahead of a deadline to remind")
        parser.add_argument("--today", default="", help="the day to run as (YYYY-MM-DD); today by default")

    def handle(self, *args: Any, today: str, days_before: int, **options: Any) -> None:
        day: date | None = parse_day(today, "--today is a date as YYYY-MM-DD")
        self.stdout.write(f"{send_reminders(day, days_before)} reminders sent.")
