import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection

from bench import safety
from bench.command import BenchCommand
from safety.models import Assessment, Establishment


class Command(BenchCommand):
    help = (
        "Build a synthetic registry on a scratch database and time the reads users notice. "
        "Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark --sizes 10000 1000000"
    )
    name = "benchmark"
    default_sizes = [10_000, 1_000_000]
    sizes_help = "numbers of places"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--assessments-per-place", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        sizes, repeat = self.sizes_and_repeat(options)
        try:
            criteria_set, district = safety.prepare()
        except safety.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        report: dict[str, Any] = {"database": connection.vendor, "sizes": {}}
        for size in sizes:
            self.stdout.write(f"Growing the registry to {size:,} places…")
            safety.grow_registry(size, criteria_set, int(options["assessments_per_place"]))
            counts = {"places": Establishment.objects.count(), "assessments": Assessment.objects.count()}
            report["sizes"][str(size)] = {"counts": counts, "ms": safety.measure(district, repeat)}
            self.stdout.write(f"  {counts['places']:,} places, {counts['assessments']:,} assessments")
        self.write_report_table(report, sizes, 32, growth=True)
        self.write_json(options["output"], json.dumps(report, indent=2, ensure_ascii=False))
