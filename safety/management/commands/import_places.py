import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError, CommandParser

from accounts.models import User
from lib.acting import Actor
from lib.commands import ImportCommand
from lib.tabular import TooLarge, check_upload_size
from safety.actions.imports import check_places_file, import_places
from territory.models import Scheme


class Command(ImportCommand):
    help = (
        "Import places from an XLSX or CSV file with the checks of the import page: the same "
        "columns, limits and row messages, within the jurisdiction of --user, recorded as theirs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--user", required=True, help="username of the officer importing (their jurisdiction)")
        parser.add_argument("--scheme", choices=Scheme.values, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = self.existing_file(options)
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
        self.report(checked)
        if options["dry_run"]:
            return
        outcome = self.write(
            Actor(source="command", user=user, name="import_places"),
            lambda: import_places(
                checked,
                user,
                filename=path.name,
                skip_bad_rows=bool(options["skip_bad_rows"]),
                progress=self.show,
            ),
        )
        self.stdout.write(f"{outcome.created} places imported, {outcome.skipped} bad rows skipped")

    def show(self, phase: str, done: int, total: int | None) -> None:
        if sys.stderr.isatty():
            self.stderr.write(f"\r{phase} {done}/{total or '?'}", ending="")
