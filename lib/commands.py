"""The shape every periodic command shares: one run, or one run every --loop SECONDS."""

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class LoopCommand(BaseCommand):
    """Runs `run_once` and prints what it says; with --loop SECONDS, again every SECONDS seconds.

    A subclass says what one run does (`run_once`, returning the line to print) and may take a
    --today (`takes_today`) or more options (`add_arguments` calling super, `check_options`)."""

    takes_today = False

    def add_arguments(self, parser: CommandParser) -> None:
        if self.takes_today:
            parser.add_argument("--today", default="", help="the day to run as (YYYY-MM-DD); today by default")
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS", help="run again every SECONDS seconds")

    def handle(self, *args: Any, loop: int, **options: Any) -> None:
        if loop < 0:
            raise CommandError("--loop must be 0 or more seconds")
        if self.takes_today:
            options["today"] = parse_day(options["today"], "--today is a date as YYYY-MM-DD")
        self.check_options(options)
        while True:
            self.stdout.write(self.run_once(**options))
            if not loop:
                break
            time.sleep(loop)

    def check_options(self, options: dict[str, Any]) -> None:
        """Refuse bad options before the first run (CommandError); may replace them by parsed values."""

    def run_once(self, **options: Any) -> str:
        raise NotImplementedError


def parse_day(text: str, refusal: str) -> date | None:
    """A day written YYYY-MM-DD, None for no day; CommandError(refusal) for anything else."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise CommandError(refusal) from exc
