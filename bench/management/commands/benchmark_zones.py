from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import zones as bench


class Command(BaseCommand):
    help = (
        "Build 10,600 communes with a year of daily case counts, 1,000 zones and goods permits on a "
        "scratch database; time recomputing every level of the country, the public map data, what "
        "applies at a unit and verifying a permit. Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_zones python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_zones --sizes 10000 100000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="numbers of permits")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument(
            "--output", type=Path, default=None, help="JSON file (default var/benchmark-zones-<db>.json)"
        )

    def handle(self, *args: object, **options: object) -> None:
        sizes = sorted(int(size) for size in options["sizes"])  # type: ignore[attr-defined]
        repeat = int(options["repeat"])  # type: ignore[call-overload]
        if repeat < 1 or any(size < 100 for size in sizes):
            raise CommandError("--repeat is at least 1 and every size at least 100 permits")
        try:
            results = bench.run(sizes, repeat)
        except bench.NotAScratchDatabase as refused:
            raise CommandError(str(refused)) from refused
        vendor = connection.vendor
        self._table(vendor, results, sizes)
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-zones-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(bench.as_json(results, sizes))
        self.stdout.write(f"Written to {output}")

    def _table(self, vendor: str, results: dict[str, float], sizes: list[int]) -> None:
        self.stdout.write("")
        self.stdout.write(f"{vendor}: server time, ms (median of the timed runs)")
        for key, value in results.items():
            if " @ " not in key:
                self.stdout.write(f"{key:<62}{value:>12.1f}")
        self.stdout.write(f"{'columns are numbers of permits':<62}" + "".join(f"{size:>12,}" for size in sizes))
        reads = list(dict.fromkeys(key.rsplit(" @ ", 1)[0] for key in results if " @ " in key))
        for read in reads:
            self.stdout.write(f"{read:<62}" + "".join(f"{results[f'{read} @ {size}']:>12.1f}" for size in sizes))
        self.stdout.write("rows: " + ", ".join(f"{count:,} {name}" for name, count in bench.counts().items()))
