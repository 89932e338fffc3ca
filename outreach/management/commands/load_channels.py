from django.core.management.base import BaseCommand

from outreach.channels import load_channels


class Command(BaseCommand):
    help = "Load the communication channels and their units of measure (outreach/data/channels.json)."

    def handle(self, *args: object, **options: object) -> None:
        measures, channels = load_channels()
        self.stdout.write(f"{measures} units of measure and {channels} channels created.")
