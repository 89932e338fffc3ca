"""Helpers the zones endpoints share: the import report, naive datetimes."""

from datetime import datetime

from django.utils import timezone
from ninja import Schema


class RowErrorOut(Schema):
    row: int
    message: str


class ImportOut(Schema):
    imported: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int
    errors: list[RowErrorOut]


def aware(moment: datetime | None) -> datetime | None:
    """A time sent without a zone is the province's local time."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment
