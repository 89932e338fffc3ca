"""Periods as users write them in filters: a year (2021), a quarter (2021-Q2), a month
(2021-05), a day (2021-05-12) or a range (2021-05-01..2021-06-15)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

YEARS = (2000, 2100)
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    text: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _day(text: str) -> date:
    if not _DAY.match(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _checked_year(year: int) -> int:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(year)
    return year


def parse_period(text: str | None, *, field: str = "period") -> Period | None:
    """The period written, None when nothing is written, ValidationError when it cannot be read."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if match := _YEAR.match(text):
            year = _checked_year(int(match[1]))
            return Period(date(year, 1, 1), date(year, 12, 31), text)
        if match := _QUARTER.match(text):
            year, quarter = _checked_year(int(match[1])), int(match[2])
            first = 3 * quarter - 2
            return Period(
                date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), text.upper()
            )
        if match := _MONTH.match(text):
            year, month = _checked_year(int(match[1])), int(match[2])
            return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), text)
        if ".." in text:
            start_text, end_text = (part.strip() for part in text.split("..", 1))
            start, end = _day(start_text), _day(end_text)
            _checked_year(start.year)
            _checked_year(end.year)
            if end < start:
                raise ValidationError({field: _("The period ends before it starts.")})
            return Period(start, end, text)
        day = _day(text)
        _checked_year(day.year)
        return Period(day, day, text)
    except ValueError:
        raise ValidationError(
            {
                field: _(
                    "Write the period as a year (2021), a quarter (2021-Q2), a month (2021-05), "
                    "a day (2021-05-12) or a range (2021-05-01..2021-06-15)."
                )
            }
        ) from None


def recent_period(days: int = DEFAULT_DAYS, today: date | None = None) -> Period:
    """The last `days` days up to today: what coverage shows when no period is asked for."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    return Period(start, today, f"{start.isoformat()}..{today.isoformat()}")
