import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zones.actions.zones import expire_zones


class Command(BaseCommand):
    help = "Mark zones past their planned end as expired (pages already treat them so). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        while True:
            self.stdout.write(f"{expire_zones()} zones expired")
            if not loop:
                break
            time.sleep(loop)
