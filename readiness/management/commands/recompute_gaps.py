import time
from typing import Any

from lib.commands import LoopCommand
from readiness.gaps import recompute


class Command(LoopCommand):
    help = (
        "Recompute the stored readiness gap of every unit for every scenario (after a province edits "
        "its scenarios or needs). Every write of a unit recomputes that unit by itself."
    )

    def run_once(self, **options: Any) -> str:
        started = time.perf_counter()
        written = recompute()
        return f"{written} unit gaps recomputed in {time.perf_counter() - started:.1f} s."
