from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.acting import Actor, acting
from lib.tabular import ImportRefused
from territory.actions import import_villages
from territory.models import Scheme
from territory.villages import check_villages_file


class Command(BaseCommand):
    help = "Import villages (thôn, buôn, bon, tổ dân phố…) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--scheme", choices=Scheme.values, default=None)
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even if some are bad")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as handle:
            checked = check_villages_file(handle, path.name, str(options["scheme"] or settings.DEFAULT_SCHEME))
        if checked.file_error:
            raise CommandError(checked.file_error)
        for error in checked.errors:
            self.stderr.write(f"row {error.row}: {error.message}")
        self.stdout.write(f"{len(checked.rows)} good rows, {checked.error_count} bad rows")
        if options["dry_run"]:
            return
        try:
            with acting(Actor(source="command", name="import_villages")):
                outcome = import_villages(checked, skip_bad_rows=bool(options["skip_bad_rows"]))
        except ImportRefused as refused:
            raise CommandError(f"{refused} Fix the rows above or use --skip-bad-rows.") from refused
        self.stdout.write(f"{outcome.created} villages created, {outcome.updated} updated")
