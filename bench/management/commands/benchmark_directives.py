import json
from typing import Any

from django.core.management.base import CommandError
from django.db import connection

from bench import directives as bench
from bench.command import BenchCommand
from directives.models import Directive
from outreach.models import Activity, VillageDay


class Command(BenchCommand):
    help = (
        "Build ten years of directives and communication activities for a province on a scratch database "
        "and time the reads users notice. Prints a table and writes var/benchmark-directives-<db>.json. "
        "Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_directives python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_directives --sizes 100000 1000000"
    )
    name = "benchmark-directives"
    default_sizes = [100_000, 1_000_000]
    sizes_help = "numbers of activities"

    def handle(self, *args: Any, **options: Any) -> None:
        sizes, repeat = self.sizes_and_repeat(options)
        try:
            province, issuer = bench.prepare()
        except bench.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        report: dict[str, Any] = {"database": connection.vendor, "sizes": {}}
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
            report["sizes"][str(size)] = {"counts": counts, "ms": bench.measure(province, issuer, repeat)}
        self.write_report_table(report, sizes, 36)
        self.write_json(options["output"], json.dumps(report, indent=2, ensure_ascii=False))
