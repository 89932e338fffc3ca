import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import portal as bench
from bench.timing import NotAScratchDatabase


class Command(BaseCommand):
    help = (
        "On a scratch database: the country's communes with their levels, N places and M citizens' reports "
        "in bulk; time the home page, what applies at a commune and the situation view of a province, cold "
        "(shared cache emptied) and cached. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal "
        "python manage.py migrate && DATABASE_URL=… python manage.py benchmark_portal --places 1000000 --reports 100000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--places", type=int, default=100_000)
        parser.add_argument("--reports", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument(
            "--output", type=Path, default=None, help="JSON file (default var/benchmark-portal-<db>.json)"
        )

    def handle(self, *args: object, **options: object) -> None:
        places, reports, repeat = (int(options[k]) for k in ("places", "reports", "repeat"))  # type: ignore[call-overload]
        if repeat < 1 or places < 100 or reports < 100:
            raise CommandError("--repeat is at least 1, --places and --reports at least 100")
        try:
            results = bench.run(places, reports, repeat)
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
