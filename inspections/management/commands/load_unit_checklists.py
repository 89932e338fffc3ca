from django.core.management.base import BaseCommand, CommandParser

from inspections.checklists import load_unit_checklists


class Command(BaseCommand):
    help = (
        "Load the checklists for inspecting units from inspections/data/unit_checklists.json. "
        "Existing checklists (perhaps edited by the administrator) are kept unless --refresh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--refresh", action="store_true", help="overwrite existing checklists with the file's")

    def handle(self, *args: object, **options: object) -> None:
        created, refreshed = load_unit_checklists(refresh=bool(options["refresh"]))
        self.stdout.write(f"{created} checklists created, {refreshed} refreshed.")
