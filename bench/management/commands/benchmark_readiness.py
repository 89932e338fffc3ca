from typing import Any

from django.db import connection

from bench import readiness as bench
from bench.command import BenchCommand


class Command(BenchCommand):
    help = (
        "Build 10,600 communes × 5 scenarios × 30 kinds of resource and an election with many polling "
        "areas on a scratch database; time recomputing every gap, a province's gap table (page and API) "
        "and a province's live board. Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_readiness python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_readiness --sizes 100000"
    )
    name = "benchmark-readiness"
    default_sizes = [100_000]
    sizes_help = "numbers of polling areas"

    def handle(self, *args: Any, **options: Any) -> None:
        sizes, results = self.measure(bench.run, options, least=(10, "polling areas"))
        self.stdout.write("")
        self.stdout.write(f"{connection.vendor}: server time, ms (median of the timed runs)")
        self.write_table(((key, [value]) for key, value in results.items()), 70)
        self.write_results(options["output"], sizes, bench.counts(), results)
