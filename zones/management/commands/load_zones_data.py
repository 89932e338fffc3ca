from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zones.loader import load_zones_data


class Command(BaseCommand):
    help = (
        "Load the risk-level frameworks, distancing measures and types of goods from zones/data/. "
        "Idempotent; rows the administrator edited are kept unless --refresh."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--refresh", action="store_true", help="put the shipped texts back over edits")

    def handle(self, *args: Any, refresh: bool, **options: Any) -> None:
        for what, result in load_zones_data(refresh=refresh).items():
            self.stdout.write(f"{what}: {result}")
