import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import portal as bench
from bench.timing import NotAScratchDatabase


class Command(BaseCommand):
    help = (
        "On a scratch database: the country's communes with their levels and 8 villages each, places, citizens' "
        "reports, communication activities and inspections in bulk; time the home page, what applies at a commune "
        "and the situation view of a province and of the whole country, cold (shared cache emptied) and cached. "
        "Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark_portal --places 1000000 --reports 100000 --activities 1000000 "
        "--inspections 200000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--places", type=int, default=100_000)
        parser.add_argument("--reports", type=int, default=100_000)
        parser.add_argument("--activities", type=int, default=100_000, help="communication activities")
        parser.add_argument("--inspections", type=int, default=20_000)
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument(
            "--output", type=Path, default=None, help="JSON file (default var/benchmark-portal-<db>.json)"
        )

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
        self.stdout.write("rows: " + ", ".join(f"{count:,} {name}" for name, count in rows.items()))
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-portal-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps({"vendor": vendor, "rows": rows, "ms": results}, indent=2, ensure_ascii=False))
        self.stdout.write(f"Written to {output}")
