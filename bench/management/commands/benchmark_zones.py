from typing import Any

from django.db import connection

from bench import zones as bench
from bench.command import BenchCommand


class Command(BenchCommand):
    help = (
        "Build 10,600 communes with a year of daily case counts, 1,000 zones and goods permits on a "
        "scratch database; time recomputing every level of the country, the public map data, what "
        "applies at a unit and verifying a permit. Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_zones python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_zones --sizes 10000 100000"
    )
    name = "benchmark-zones"
    sizes_help = "numbers of permits"

    def handle(self, *args: Any, **options: Any) -> None:
        sizes, results = self.measure(bench.run, options, least=(100, "permits"))
        self.stdout.write("")
        self.stdout.write(f"{connection.vendor}: server time, ms (median of the timed runs)")
        self.write_table(((key, [value]) for key, value in results.items() if " @ " not in key), 62)
        self.write_sizes("columns are numbers of permits", sizes, 62)
        self.write_by_size(results, sizes, 62)
        self.write_results(options["output"], sizes, bench.counts(), results)
