"""What every benchmark command shares: --sizes, --repeat and --output, the table and the JSON file."""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from .timing import NotAScratchDatabase

T = TypeVar("T")


class BenchCommand(BaseCommand):
    """A benchmark command: a subclass names its JSON file and its sizes, and runs in `handle`."""

    name = "benchmark"  # the JSON file is var/<name>-<database>.json unless --output says otherwise
    takes_sizes = True  # False: the subclass adds options of its own for what it builds
    default_sizes = [10_000, 100_000]
    sizes_help = "numbers of records"

    def add_arguments(self, parser: CommandParser) -> None:
        if self.takes_sizes:
            parser.add_argument("--sizes", type=int, nargs="+", default=self.default_sizes, help=self.sizes_help)
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument("--output", type=Path, default=None, help=f"JSON file (default var/{self.name}-<db>.json)")

    @staticmethod
    def sizes_and_repeat(options: dict[str, Any]) -> tuple[list[int], int]:
        return sorted(int(size) for size in options["sizes"]), int(options["repeat"])

    def measure(
        self,
        run: Callable[[list[int], int], T],
        options: dict[str, Any],
        least: tuple[int, str] | None = None,
    ) -> tuple[list[int], T]:
        """The sizes asked for and `run`'s timings at them; with `least` (a size and what it counts), a
        run of at least one repeat and sizes at least that large."""
        sizes, repeat = self.sizes_and_repeat(options)
        if least and (repeat < 1 or any(size < least[0] for size in sizes)):
            raise CommandError(f"--repeat is at least 1 and every size at least {least[0]} {least[1]}")
        try:
            return sizes, run(sizes, repeat)
        except NotAScratchDatabase as refused:
            raise CommandError(str(refused)) from refused

    def measure_growth(
        self,
        grow_and_time: Callable[[list[int], int], dict[str, Any]],
        options: dict[str, Any],
        width: int,
        growth: bool = False,
    ) -> None:
        """Grow the data size by size with `grow_and_time`, which gives {size: {"counts", "ms"}};
        then the table of the reads by size and the JSON file."""
        sizes, by_size = self.measure(grow_and_time, options)
        report = {"database": connection.vendor, "sizes": by_size}
        self.write_report_table(report, sizes, width, growth)
        self.write_json(options["output"], json.dumps(report, indent=2, ensure_ascii=False))

    def write_counts(self, counts: dict[str, int]) -> None:
        self.stdout.write("rows: " + ", ".join(f"{count:,} {name}" for name, count in counts.items()))

    def write_results(
        self, output: Path | None, sizes: list[int], counts: dict[str, int], results: dict[str, float]
    ) -> None:
        """The rows counted, then the JSON file of the database, the sizes, the counts and the timings."""
        self.write_counts(counts)
        report = {"database": connection.vendor, "sizes": sizes, "counts": counts, "ms": results}
        self.write_json(output, json.dumps(report, indent=2, ensure_ascii=False))

    def write_json(self, output: Path | None, text: str) -> None:
        path = output or Path(settings.VAR_DIR) / f"{self.name}-{connection.vendor}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.stdout.write(f"Written to {path}")

    def write_table(self, rows: Iterable[tuple[str, Iterable[float]]], width: int, column: int = 12) -> None:
        """One line per read: its name in `width` characters, then one figure per size."""
        for read, values in rows:
            self.stdout.write(f"{read:<{width}}" + "".join(f"{value:>{column}.1f}" for value in values))

    def write_by_size(self, results: dict[str, float], sizes: list[int], width: int) -> None:
        """One line per read timed at every size (the keys "<read> @ <size>"), a figure per size."""
        reads = dict.fromkeys(key.rsplit(" @ ", 1)[0] for key in results if " @ " in key)
        self.write_table(((read, [results[f"{read} @ {size}"] for size in sizes]) for read in reads), width)

    def write_sizes(self, title: str, sizes: Iterable[int], width: int, column: int = 12) -> None:
        self.stdout.write(f"{title:<{width}}" + "".join(f"{size:>{column},}" for size in sizes))

    def write_report_table(self, report: dict[str, Any], sizes: list[int], width: int, growth: bool = False) -> None:
        """The reads of `report["sizes"][size]["ms"]` by size, indented under the database's name;
        with `growth`, how many times slower the largest size is than the smallest."""
        by_size, database = report["sizes"], str(report["database"])
        growth = growth and len(sizes) > 1
        self.stdout.write("")
        header = f"{database}: {'server time, ms (median)':<{width}}" + "".join(f"{size:>14,}" for size in sizes)
        self.stdout.write(header + (f"{'growth':>10}" if growth else ""))
        for read in by_size[str(sizes[0])]["ms"]:
            values = [by_size[str(size)]["ms"][read] for size in sizes]
            line = f"{'':{len(database) + 2}}{read:<{width}}" + "".join(f"{value:>14.1f}" for value in values)
            self.stdout.write(line + (f"{values[-1] / values[0]:>9.1f}×" if growth else ""))
