"""The shape every periodic command shares: one run, or one run every --loop SECONDS."""

import time
from abc import ABCMeta, abstractmethod
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.acting import Actor, acting
from lib.tabular import CheckedFile, ImportRefused

T = TypeVar("T")


class LoopCommand(BaseCommand, metaclass=ABCMeta):
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

    @abstractmethod
    def run_once(self, **options: Any) -> str:
        """One run of the command; returns what it did, in a line for the log."""


class RefreshCommand(BaseCommand, metaclass=ABCMeta):
    """Loads reference data shipped with the code, keeping the rows an administrator edited unless
    --refresh. A subclass says what --refresh overwrites (`refresh_help`) and what one load does
    (`load`, returning what to print)."""

    refresh_help = "overwrite existing rows with the file's"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--refresh", action="store_true", help=self.refresh_help)

    def handle(self, *args: Any, refresh: bool, **options: Any) -> None:
        self.stdout.write(self.load(refresh))

    @abstractmethod
    def load(self, refresh: bool) -> str:
        """Load the shipped rows (over edited ones with `refresh`); returns what was done, for the log."""


def parse_day(text: str, refusal: str) -> date | None:
    """A day written YYYY-MM-DD, None for no day; CommandError(refusal) for anything else."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise CommandError(refusal) from exc


class ImportCommand(BaseCommand):
    """Imports a CSV or XLSX file with the checks of its import page: every bad row on stderr, then
    the good rows written (all or, with --skip-bad-rows, those), or nothing with --dry-run."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even if some are bad")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    @staticmethod
    def existing_file(options: dict[str, Any]) -> Path:
        path = options["file"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        return path

    def report(self, checked: CheckedFile[Any]) -> None:
        """The file's refusal as the command's error, or each bad row and the counts."""
        if checked.file_error:
            raise CommandError(checked.file_error)
        for error in checked.errors:
            self.stderr.write(f"row {error.row}: {error.message}")
        hidden = checked.error_count - len(checked.errors)
        if hidden:
            self.stderr.write(f"… and {hidden} more bad rows")
        self.stdout.write(f"{len(checked.rows)} good rows, {checked.error_count} bad rows")

    @staticmethod
    def write(actor: Actor, write: Callable[[], T]) -> T:
        """Run the import as `actor`; a refusal (bad rows without --skip-bad-rows) is the command's error."""
        try:
            with acting(actor):
                return write()
        except ImportRefused as refused:
            raise CommandError(f"{refused} Fix the rows above or use --skip-bad-rows.") from refused
