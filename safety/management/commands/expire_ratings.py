import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from safety.actions.assessments import expire_ratings


class Command(BaseCommand):
    help = "Expired safe or at-risk ratings fall back to “not assessed”; prints how many places changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        while True:
            self.stdout.write(f"{expire_ratings()} ratings expired")
            if not loop:
                break
            time.sleep(loop)
