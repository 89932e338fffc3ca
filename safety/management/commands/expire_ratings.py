from typing import Any

from lib.commands import LoopCommand
from safety.actions.assessments import expire_ratings


class Command(LoopCommand):
    help = "Expired safe or at-risk ratings fall back to “not assessed”; prints how many places changed."

    def run_once(self, **options: Any) -> str:
        return f"{expire_ratings()} ratings expired"
