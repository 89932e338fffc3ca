from django.core.management.base import BaseCommand

from events.loader import load_checklists


class Command(BaseCommand):
    help = "Load the safety-plan checklists of elections and exams. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{load_checklists()} checklist items loaded.")
