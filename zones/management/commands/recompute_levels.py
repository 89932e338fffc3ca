import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from territory.models import Scheme
from zones.actions.zones import expire_zones
from zones.computing import recompute


class Command(BaseCommand):
    help = (
        "Recompute every commune's risk level from the case counts and roll up to districts and "
        "provinces; expire zones past their planned end. Safe to run several at once: each province "
        "is done by one run (the others skip it) and a repeated run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="levels as of this day (YYYY-MM-DD); today by default")
        parser.add_argument("--scheme", choices=Scheme.values, help="the province's scheme by default")
        parser.add_argument("--province", action="append", help="only this province (code); repeatable")
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        as_of: date | None = None
        if options["date"]:
            try:
                as_of = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date is a day written YYYY-MM-DD") from exc
            if as_of > timezone.localdate():
                raise CommandError("--date is in the future")
        while True:
            expired = expire_zones()
            report = recompute(as_of, scheme=options["scheme"], provinces=options["province"])
            if options["province"] and len(report.outcomes) < len(set(options["province"])):
                raise CommandError("No province with some of these codes in this scheme.")
            self.stdout.write(f"{report} {expired} zones expired.")
            if not loop:
                break
            time.sleep(loop)
