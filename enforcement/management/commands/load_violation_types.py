from django.core.management.base import BaseCommand, CommandParser

from enforcement.types import load_violation_types


class Command(BaseCommand):
    help = (
        "Load the violation types (Nghị định 117/2020/NĐ-CP) from enforcement/data/violation_types.json. "
        "Existing types (perhaps edited by the administrator) are kept unless --refresh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--refresh", action="store_true", help="overwrite existing types with the file's")

    def handle(self, *args: object, **options: object) -> None:
        created, refreshed = load_violation_types(refresh=bool(options["refresh"]))
        self.stdout.write(f"{created} violation types created, {refreshed} refreshed.")
