from typing import Any

from django.core.management.base import CommandParser

from directives.actions import send_reminders
from lib.commands import LoopCommand


class Command(LoopCommand):
    help = (
        "Remind every recipient that has not reported before each report deadline in the next few days. "
        "Safe to run twice, or twice at once: a recipient is reminded once per deadline."
    )
    takes_today = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days-before", type=int, default=3, help="how many days ahead of a deadline to remind")
        super().add_arguments(parser)

    def run_once(self, **options: Any) -> str:
        return f"{send_reminders(options['today'], options['days_before'])} reminders sent."
