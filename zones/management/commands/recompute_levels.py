from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from lib.commands import LoopCommand, parse_day
from territory.models import Scheme
from zones.actions.zones import expire_zones
from zones.computing import recompute


class Command(LoopCommand):
    help = (
        "Recompute every commune's risk level from the case counts and roll up to districts and "
        "provinces; expire zones past their planned end. Safe to run several at once: each province "
        "is done by one run (the others skip it) and a repeated run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="levels as of this day (YYYY-MM-DD); today by default")
        parser.add_argument("--scheme", choices=Scheme.values, help="the province's scheme by default")
        parser.add_argument("--province", action="append", help="only this province (code); repeatable")
        super().add_arguments(parser)

    def check_options(self, options: dict[str, Any]) -> None:
        options["date"] = as_of = parse_day(options["date"] or "", "--date is a day written YYYY-MM-DD")
        if as_of is not None and as_of > timezone.localdate():
            raise CommandError("--date is in the future")

    def run_once(self, **options: Any) -> str:
        expired = expire_zones()
        report = recompute(options["date"], scheme=options["scheme"], provinces=options["province"])
        if options["province"] and len(report.outcomes) < len(set(options["province"])):
            raise CommandError("No province with some of these codes in this scheme.")
        return f"{report} {expired} zones expired."
