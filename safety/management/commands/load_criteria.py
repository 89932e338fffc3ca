from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.acting import Actor, acting
from safety.actions.criteria import load_criteria_sets

MESSAGES = {
    "created": "version {version} created",
    "updated": "version {version} created from the changed file",
    "unchanged": "unchanged (version {version})",
    "kept": "kept version {version}, edited by the administrator",
    "kept_file_changed": (
        "kept version {version}, edited by the administrator; the file has changed since it was loaded "
        "(run with --replace-edited to load it as a new version)"
    ),
}


class Command(BaseCommand):
    help = "Load the official criteria sets from safety/data/criteria/. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replace-edited",
            action="store_true",
            help="load a changed file as a new version even over a version the administrator made",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            with acting(Actor(source="command", name="load_criteria")):
                loaded = load_criteria_sets(replace_edited=bool(options["replace_edited"]))
        except ValidationError as exc:
            raise CommandError("Nothing loaded:\n" + "\n".join(exc.messages)) from exc
        for entry in loaded:
            self.stdout.write(f"{entry.code}: {MESSAGES[entry.outcome].format(version=entry.version)}")
        changed = sum(1 for entry in loaded if entry.outcome in {"created", "updated"})
        self.stdout.write(f"{len(loaded)} criteria sets, {changed} new versions")
