from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from lib.acting import Actor
from lib.commands import ImportCommand
from territory.actions import import_villages
from territory.models import Scheme
from territory.villages import check_villages_file


class Command(ImportCommand):
    help = "Import villages (thôn, buôn, bon, tổ dân phố…) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--scheme", choices=Scheme.values, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = self.existing_file(options)
        with path.open("rb") as handle:
            checked = check_villages_file(handle, path.name, str(options["scheme"] or settings.DEFAULT_SCHEME))
        self.report(checked)
        if options["dry_run"]:
            return
        outcome = self.write(
            Actor(source="command", name="import_villages"),
            lambda: import_villages(checked, skip_bad_rows=bool(options["skip_bad_rows"])),
        )
        self.stdout.write(f"{outcome.created} villages created, {outcome.updated} updated")
