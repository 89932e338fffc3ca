from typing import Any

from lib.commands import LoopCommand
from readiness.actions import send_reminders


class Command(LoopCommand):
    help = (
        "Remind the officers of every unit late with its readiness update for the current period. "
        "A unit is reminded once per period, even when several runs overlap."
    )
    takes_today = True

    def run_once(self, **options: Any) -> str:
        return f"{send_reminders(options['today'])} reminders sent."
