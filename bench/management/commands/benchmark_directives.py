from typing import Any

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
        self.measure_growth(self.grow_and_time, options, 36)

    def grow_and_time(self, sizes: list[int], repeat: int) -> dict[str, Any]:
        province, issuer = bench.prepare()
        by_size: dict[str, Any] = {}
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
            by_size[str(size)] = {"counts": counts, "ms": bench.measure(province, issuer, repeat)}
        return by_size
