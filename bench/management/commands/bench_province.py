from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import safety
from territory.models import AdminUnit, Scheme


class Command(BaseCommand):
    help = (
        "Fill a demo (or scratch) database with a generated province for the load test: --places "
        "synthetic places with their assessments in the communes of --province. Never on PRODUCTION=1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--places", type=int, default=100_000)
        parser.add_argument("--province", default="67", help="legacy code of a loaded province (67: Đắk Nông)")
        parser.add_argument("--assessments-per-place", type=int, default=5)

    def handle(self, *args: object, places: int, province: str, assessments_per_place: int, **options: object) -> None:
        try:
            criteria_set, _district = safety.prepare(beside_demo=True)
        except safety.NotAScratchDatabase as exc:
            raise CommandError(str(exc)) from exc
        area = AdminUnit.objects.filter(scheme=Scheme.LEGACY, code=province).first()
        if area is None:
            raise CommandError(
                f"Province {province} is not loaded: manage.py load_units --scheme legacy --province {province}"
            )
        added = safety.grow_registry(places, criteria_set, assessments_per_place, under=area)
        self.stdout.write(f"{added:,} places added in {area.name}; {places:,} bench places in all.")
