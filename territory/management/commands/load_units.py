from django.core.management.base import BaseCommand, CommandError, CommandParser

from territory.loader import load_successions, load_units
from territory.models import Scheme


class Command(BaseCommand):
    help = "Load administrative units of one province or the whole country from the vietnamadminunits package."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scheme", choices=Scheme.values, default=Scheme.LEGACY)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--province", action="append", help="GSO province code (repeatable), e.g. 67")
        target.add_argument("--all", action="store_true", help="every province of the scheme")

    def handle(self, *args: object, **options: object) -> None:
        scheme = str(options["scheme"])
        provinces = None if options["all"] else list(options["province"])  # type: ignore[call-overload]
        try:
            result = load_units(scheme, provinces)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        links = load_successions()
        self.stdout.write(
            f"{scheme}: {result.created} created, {result.updated} updated, {result.unchanged} unchanged; "
            f"{links} legacy→2025 links"
        )
