from typing import Any

from lib.commands import LoopCommand
from zones.actions.zones import expire_zones


class Command(LoopCommand):
    help = "Mark zones past their planned end as expired (pages already treat them so). Safe to run twice."

    def run_once(self, **options: Any) -> str:
        return f"{expire_zones()} zones expired"
