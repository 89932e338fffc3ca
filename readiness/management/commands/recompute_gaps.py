import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readiness.gaps import recompute


class Command(BaseCommand):
    help = (
        "Recompute the stored readiness gap of every unit for every scenario (after a province edits "
        "its scenarios or needs). Every write of a unit recomputes that unit by itself."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        while True:
            started = time.perf_counter()
            written = recompute()
            self.stdout.write(f"{written} unit gaps recomputed in {time.perf_counter() - started:.1f} s.")
            if not loop:
                break
            time.sleep(loop)
