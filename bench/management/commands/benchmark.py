import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import safety
from safety.models import Assessment, Establishment


class Command(BaseCommand):
    help = (
        "Build a synthetic registry on a scratch database and time the reads users notice. "
        "Prints a table and writes JSON. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py migrate && "
        "DATABASE_URL=… python manage.py benchmark --sizes 10000 1000000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000], help="numbers of places")
        parser.add_argument("--assessments-per-place", type=int, default=5)
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is kept)")
        parser.add_argument("--output", type=Path, default=None, help="JSON file (default var/benchmark-<db>.json)")

    def handle(self, *args: object, **options: object) -> None:
        sizes = sorted(options["sizes"])  # type: ignore[call-overload]
        try:
            criteria_set, district = safety.prepare()
        except safety.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        vendor = connection.vendor
        report: dict[str, object] = {"database": vendor, "sizes": {}}
        for size in sizes:
            self.stdout.write(f"Growing the registry to {size:,} places…")
            safety.grow_registry(size, criteria_set, int(options["assessments_per_place"]))  # type: ignore[call-overload]
            counts = {"places": Establishment.objects.count(), "assessments": Assessment.objects.count()}
            timings = safety.measure(district, int(options["repeat"]))  # type: ignore[call-overload]
            report["sizes"][str(size)] = {"counts": counts, "ms": timings}  # type: ignore[index]
            self.stdout.write(f"  {counts['places']:,} places, {counts['assessments']:,} assessments")
        self._table(report, sizes)
        output = options["output"] or Path(settings.VAR_DIR) / f"benchmark-{vendor}.json"
        assert isinstance(output, Path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        self.stdout.write(f"Written to {output}")

    def _table(self, report: dict[str, object], sizes: list[int]) -> None:
        by_size = report["sizes"]
        assert isinstance(by_size, dict)
        reads = list(by_size[str(sizes[0])]["ms"])
        header = f"{'server time, ms (median)':<32}" + "".join(f"{size:>14,}" for size in sizes)
        if len(sizes) > 1:
            header += f"{'growth':>10}"
        self.stdout.write("")
        self.stdout.write(f"{report['database']}: " + header)
        for read in reads:
            values = [by_size[str(size)]["ms"][read] for size in sizes]
            line = f"{'':{len(str(report['database'])) + 2}}{read:<32}" + "".join(f"{v:>14.1f}" for v in values)
            if len(sizes) > 1:
                line += f"{values[-1] / values[0]:>9.1f}×"
            self.stdout.write(line)
