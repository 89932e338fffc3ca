import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import inspections as bench


class Command(BaseCommand):
    help = (
        "Build synthetic inspections and violations on a scratch database and time the coverage view, "
        "the public violations list and the report. Prints a table and writes JSON. Example: "
        "DATABASE_URL=sqlite:////tmp/inspections-bench.sqlite3 python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_inspections --sizes 10000 100000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sizes", type=int, nargs="+", default=[10_000, 100_000], help="numbers of violations (inspections: twice)"
        )
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument(
            "--output", type=Path, default=None, help="JSON file (default var/benchmark-inspections-<db>.json)"
        )

    def handle(self, *args: object, **options: object) -> None:
        sizes = sorted(int(size) for size in options["sizes"])  # type: ignore[attr-defined]
        repeat = int(options["repeat"])  # type: ignore[call-overload]
        try:
            results = bench.run(sizes, repeat)
        except bench.NotAScratchDatabase as refused:
            raise CommandError(str(refused)) from refused
        vendor = connection.vendor
        self._table(vendor, results, sizes)
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-inspections-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        report = {"database": vendor, "sizes": sizes, "counts": bench.counts(), "ms": results}
        output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        self.stdout.write(f"Written to {output}")

    def _table(self, vendor: str, results: dict[str, float], sizes: list[int]) -> None:
        reads = list(dict.fromkeys(key.rsplit(" @ ", 1)[0] for key in results))
        self.stdout.write("")
        self.stdout.write(f"{vendor}: server time, ms (median); columns are violations (inspections ×2)")
        self.stdout.write(f"{'':44}" + "".join(f"{size:>12,}" for size in sizes))
        for read in reads:
            self.stdout.write(f"{read:<44}" + "".join(f"{results[f'{read} @ {size}']:>12.1f}" for size in sizes))
        counts = bench.counts()
        rows = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(f"rows: {rows}")
