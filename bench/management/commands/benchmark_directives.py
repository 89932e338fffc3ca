import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import directives as bench
from directives.models import Directive
from outreach.models import Activity, VillageDay


class Command(BaseCommand):
    help = (
        "Build ten years of directives and communication activities for a province on a scratch database "
        "and time the reads users notice. Prints a table and writes var/benchmark-directives-<db>.json. "
        "Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_directives python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_directives --sizes 100000 1000000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="numbers of activities")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument("--output", type=Path, default=None, help="JSON file")

    def handle(self, *args: object, **options: object) -> None:
        sizes = sorted(int(size) for size in options["sizes"])  # type: ignore[attr-defined]
        try:
            province, issuer = bench.prepare()
        except bench.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        vendor = connection.vendor
        report: dict[str, object] = {"database": vendor, "sizes": {}}
        for size in sizes:
            self.stdout.write(f"Growing to {size:,} activities…")
            bench.grow(size, province, issuer)
            counts = {
                "activities": Activity.objects.count(),
                "directives": Directive.objects.count(),
                "village_days": VillageDay.objects.count(),
                "reached_rows": Activity.reached.through.objects.count(),
            }
            self.stdout.write("  " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items()))
            timings = bench.measure(province, issuer, int(options["repeat"]))  # type: ignore[call-overload]
            report["sizes"][str(size)] = {"counts": counts, "ms": timings}  # type: ignore[index]
        self._table(report, sizes)
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-directives-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        self.stdout.write(f"Written to {output}")

    def _table(self, report: dict[str, object], sizes: list[int]) -> None:
        by_size = report["sizes"]
        assert isinstance(by_size, dict)
        reads = list(by_size[str(sizes[0])]["ms"])
        self.stdout.write("")
        self.stdout.write(
            f"{report['database']}: {'server time, ms (median)':<36}" + "".join(f"{s:>14,}" for s in sizes)
        )
        for read in reads:
            values = "".join(f"{by_size[str(size)]['ms'][read]:>14.1f}" for size in sizes)
            self.stdout.write(f"{'':{len(str(report['database'])) + 2}}{read:<36}{values}")
