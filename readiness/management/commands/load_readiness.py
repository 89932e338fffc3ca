from django.core.management.base import BaseCommand

from readiness.loader import load_readiness


class Command(BaseCommand):
    help = "Load the resource kinds, units of measure, scenarios and their needs. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        counts = load_readiness()
        self.stdout.write(f"{counts['kinds']} resource kinds, {counts['scenarios']} scenarios loaded.")
