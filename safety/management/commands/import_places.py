import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from lib.acting import Actor, acting
from lib.tabular import ImportRefused, TooLarge, check_upload_size
from safety.actions.imports import check_places_file, import_places
from territory.models import Scheme


class Command(BaseCommand):
    help = (
        "Import places from an XLSX or CSV file with the checks of the import page: the same "
        "columns, limits and row messages, within the jurisdiction of --user, recorded as theirs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username of the officer importing (their jurisdiction)")
        parser.add_argument("--scheme", choices=Scheme.values, default=None)
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even if some are bad")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"{options['user']}: no such active user")
        try:
            check_upload_size(path.stat().st_size)
            with path.open("rb") as handle:
                checked = check_places_file(
                    handle,
                    path.name,
                    user,
                    scheme=str(options["scheme"] or settings.DEFAULT_SCHEME),
                    progress=self.show,
                )
        except (PermissionDenied, TooLarge) as refused:
            raise CommandError(str(refused)) from refused
        if checked.file_error:
            raise CommandError(checked.file_error)
        for error in checked.errors:
            self.stderr.write(f"row {error.row}: {error.message}")
        hidden = checked.error_count - len(checked.errors)
        if hidden:
            self.stderr.write(f"… and {hidden} more bad rows")
        self.stdout.write(f"{len(checked.rows)} good rows, {checked.error_count} bad rows")
        if options["dry_run"]:
            return
        try:
            with acting(Actor(source="command", user=user, name="import_places")):
                outcome = import_places(
                    checked,
                    user,
                    filename=path.name,
                    skip_bad_rows=bool(options["skip_bad_rows"]),
                    progress=self.show,
                )
        except ImportRefused as refused:
            raise CommandError(f"{refused} Fix the rows above or use --skip-bad-rows.") from refused
        self.stdout.write(f"{outcome.created} places imported, {outcome.skipped} bad rows skipped")

    def show(self, phase: str, done: int, total: int | None) -> None:
        if sys.stderr.isatty():
            self.stderr.write(f"\r{phase} {done}/{total or '?'}", ending="")
