import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import readiness as bench


class Command(BaseCommand):
    help = (
        "Build 10,600 communes × 5 scenarios × 30 kinds of resource and an election with many polling "
        "areas on a scratch database; time recomputing every gap, a province's gap table (page and API) "
        "and a province's live board. Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_readiness python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_readiness --sizes 100000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="numbers of polling areas")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument(
            "--output", type=Path, default=None, help="JSON file (default var/benchmark-readiness-<db>.json)"
        )

    def handle(self, *args: object, **options: object) -> None:
        sizes = sorted(int(size) for size in options["sizes"])  # type: ignore[attr-defined]
        repeat = int(options["repeat"])  # type: ignore[call-overload]
        if repeat < 1 or any(size < 10 for size in sizes):
            raise CommandError("--repeat is at least 1 and every size at least 10 polling areas")
        try:
            results = bench.run(sizes, repeat)
        except bench.NotAScratchDatabase as refused:
            raise CommandError(str(refused)) from refused
        vendor = connection.vendor
        self.stdout.write("")
        self.stdout.write(f"{vendor}: server time, ms (median of the timed runs)")
        for key, value in results.items():
            self.stdout.write(f"{key:<70}{value:>12.1f}")
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-readiness-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            json.dumps(
                {"database": vendor, "sizes": sizes, "counts": bench.counts(), "ms": results},
                indent=2,
                ensure_ascii=False,
            )
        )
        self.stdout.write(f"Written to {output}")
