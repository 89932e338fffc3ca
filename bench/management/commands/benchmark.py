from functools import partial
from typing import Any

from django.core.management.base import CommandParser

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
        grow_and_time = partial(self.grow_and_time, assessments_per_place=int(options["assessments_per_place"]))
        self.measure_growth(grow_and_time, options, 32, growth=True)

    def grow_and_time(self, sizes: list[int], repeat: int, assessments_per_place: int) -> dict[str, Any]:
        criteria_set, district = safety.prepare()
        by_size: dict[str, Any] = {}
        for size in sizes:
            self.stdout.write(f"Growing the registry to {size:,} places…")
            safety.grow_registry(size, criteria_set, assessments_per_place)
            counts = {"places": Establishment.objects.count(), "assessments": Assessment.objects.count()}
            by_size[str(size)] = {"counts": counts, "ms": safety.measure(district, repeat)}
            self.stdout.write(f"  {counts['places']:,} places, {counts['assessments']:,} assessments")
        return by_size
