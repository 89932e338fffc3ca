import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench import imports


class Command(BaseCommand):
    help = (
        "Generate an XLSX of N places in the communes of Đắk Nông and time checking and importing "
        "it as the import page and `import_places` do, on a scratch database. Example: "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py benchmark_import --rows 100000"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--file", type=Path, default=None, help="keep the generated file here")

    def handle(self, *args: object, **options: object) -> None:
        try:
            user, communes = imports.prepare()
        except imports.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        rows = int(options["rows"])  # type: ignore[call-overload]
        imports.clean()
        with tempfile.TemporaryDirectory() as folder:
            path = options["file"] or Path(folder) / "co-so.xlsx"
            assert isinstance(path, Path)
            imports.write_file(path, rows, communes)
            self.stdout.write(f"{rows:,} rows, {path.stat().st_size / 2**20:.1f} MB; {connection.vendor}")
            figures = imports.run(path, user)
        total = figures["check_s"] + figures["import_s"]
        self.stdout.write(
            f"check {figures['check_s']:.1f} s + import {figures['import_s']:.1f} s = {total:.1f} s "
            f"({figures['rows'] / total:,.0f} rows/s); CPU of this process: check {figures['check_cpu_s']:.1f} s "
            f"+ import {figures['import_cpu_s']:.1f} s"
        )
