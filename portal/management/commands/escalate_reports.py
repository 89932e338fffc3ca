from typing import Any

from lib.acting import Actor, acting
from lib.commands import LoopCommand
from portal.actions import escalate_overdue


class Command(LoopCommand):
    help = (
        "Escalate citizens' reports whose answer is overdue to the level above (again after each further "
        "deadline) and tell its officers. Each report is escalated once per step, even when runs overlap."
    )

    def run_once(self, **options: Any) -> str:
        with acting(Actor(source="command", name="escalate_reports")):
            count = escalate_overdue()
        return f"{count} overdue report(s) escalated."
