import json
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.db import connection

from bench import portal as bench
from bench.command import BenchCommand
from bench.timing import NotAScratchDatabase


class Command(BenchCommand):
    help = (
        "On a scratch database: the country's communes with their levels and 8 villages each, places, citizens' "
        "reports, communication activities and inspections in bulk; time the home page, what applies at a commune "
        "and the situation view of a province and of the whole country, cold (shared cache emptied) and cached. "
        "Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_portal --places 1000000 --reports 100000 --activities 1000000 "
        "--inspections 200000"
    )
    name = "benchmark-portal"
    takes_sizes = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--places", type=int, default=100_000)
        parser.add_argument("--reports", type=int, default=100_000)
        parser.add_argument("--activities", type=int, default=100_000, help="communication activities")
        parser.add_argument("--inspections", type=int, default=20_000)
        super().add_arguments(parser)

    def handle(self, *args: object, **options: object) -> None:
        names = ("places", "reports", "activities", "inspections", "repeat")
        places, reports, activities, inspections, repeat = (int(options[k]) for k in names)  # type: ignore[call-overload]
        if repeat < 1 or min(places, reports, activities, inspections) < 100:
            raise CommandError("--repeat is at least 1; --places, --reports, --activities, --inspections at least 100")
        try:
            results = bench.run(places, reports, activities, inspections, repeat)
        except NotAScratchDatabase as refused:
            raise CommandError(str(refused)) from refused
        vendor = connection.vendor
        self.stdout.write(f"{vendor}: server time, ms (median of {repeat} runs)")
        for key, value in results.items():
            self.stdout.write(f"{key:<70}{value:>10.1f}")
        rows = bench.counts()
        self.write_counts(rows)
        output = options["output"]
        assert output is None or isinstance(output, Path)
        report = {"vendor": vendor, "rows": rows, "ms": results}
        self.write_json(output, json.dumps(report, indent=2, ensure_ascii=False))
