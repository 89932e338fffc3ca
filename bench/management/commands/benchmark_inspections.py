from typing import Any

from django.db import connection

from bench import inspections as bench
from bench.command import BenchCommand


class Command(BenchCommand):
    help = (
        "Build synthetic inspections and violations on a scratch database and time the coverage view, "
        "the public violations list and the report. Prints a table and writes JSON. Example: "
        "DATABASE_URL=sqlite:////tmp/inspections-bench.sqlite3 python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_inspections --sizes 10000 100000"
    )
    name = "benchmark-inspections"
    sizes_help = "numbers of violations (inspections: twice)"

    def handle(self, *args: Any, **options: Any) -> None:
        sizes, results = self.measure(bench.run, options)
        vendor = connection.vendor
        self.stdout.write("")
        self.stdout.write(f"{vendor}: server time, ms (median); columns are violations (inspections ×2)")
        self.write_sizes("", sizes, 44)
        self.write_by_size(results, sizes, 44)
        self.write_results(options["output"], sizes, bench.counts(), results)
