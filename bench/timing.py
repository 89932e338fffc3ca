"""What every benchmark shares: refusing a database with real records and timing a read."""

import statistics
import time
from collections.abc import Callable, Collection
from typing import Any


class NotAScratchDatabase(Exception):
    pass


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median server time of `repeat` calls in ms, after one call that warms the caches a
    running server would have warm, and the last call's result."""
    response = call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), response


def check(response: Any, what: str, statuses: Collection[int] = (200, 201)) -> None:
    if response.status_code not in statuses:
        raise RuntimeError(f"{what}: HTTP {response.status_code} {response.content[:300]!r}")
