from typing import Any

from events.actions import send_plan_reminders
from lib.commands import LoopCommand


class Command(LoopCommand):
    help = (
        "Chase the sites of upcoming exams and elections whose safety plan is missing or not approved. "
        "A site is chased once a day, even when several runs overlap."
    )
    takes_today = True

    def run_once(self, **options: Any) -> str:
        return f"{send_plan_reminders(options['today'])} sites chased."
