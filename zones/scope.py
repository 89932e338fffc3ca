"""Keeping zones as narrow as possible: how many villages of a wide unit had cases lately."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone

from territory.models import AdminUnit, Level

from .models import CaseCount

WINDOW_DAYS = 14  # the incubation period the 2021 guidance counts cases over


@dataclass
class ScopeRow:
    unit: AdminUnit
    villages_total: int
    villages_with_cases: int

    @property
    def is_wide(self) -> bool:
        """Most of the unit's villages had no case: a narrower zone might do."""
        return self.unit.level != Level.VILLAGE and self.villages_with_cases * 2 < self.villages_total

    @property
    def villages_without_cases(self) -> int:
        return self.villages_total - self.villages_with_cases


@dataclass
class Scope:
    rows: list[ScopeRow]
    first_day: date
    last_day: date

    @property
    def villages_total(self) -> int:
        return sum(r.villages_total for r in self.rows)

    @property
    def villages_with_cases(self) -> int:
        return sum(r.villages_with_cases for r in self.rows)

    @property
    def is_wide(self) -> bool:
        return any(r.is_wide for r in self.rows)


def scope_of(units: list[AdminUnit], as_of: date | None = None) -> Scope:
    """For each unit above village level: its villages, and those with a case in the last 14 days."""
    last = as_of or timezone.localdate()
    first = last - timedelta(days=WINDOW_DAYS - 1)
    wide = [u for u in units if u.level != Level.VILLAGE]
    totals = {}
    with_cases = {}
    if wide:
        under = reduce(or_, [Q(path__under=u.path) for u in wide])
        totals = AdminUnit.objects.filter(under, level=Level.VILLAGE).aggregate(
            **{f"u{u.pk}": Count("pk", filter=Q(path__under=u.path)) for u in wide}
        )
        recent = CaseCount.objects.filter(
            reduce(or_, [Q(unit_path__under=u.path) for u in wide]),
            date__gte=first,
            date__lte=last,
            cases__gt=0,
            unit__level=Level.VILLAGE,
        )
        with_cases = recent.aggregate(
            **{f"u{u.pk}": Count("unit", distinct=True, filter=Q(unit_path__under=u.path)) for u in wide}
        )
    rows = [
        ScopeRow(u, totals.get(f"u{u.pk}", 0), with_cases.get(f"u{u.pk}", 0)) if u in wide else ScopeRow(u, 0, 0)
        for u in units
    ]
    return Scope(rows, first, last)
