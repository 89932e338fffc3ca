"""Reporting periods of stock updates, like a DHIS2 data set: a period starts every
`length_days` from the cycle's first day and the update is due `due_days` after it starts."""

from datetime import date, timedelta

from territory.models import AdminUnit

from .models import ReportingCycle


def province_path(unit: AdminUnit) -> str:
    scheme, province = unit.path.strip("/").split("/")[:2]
    return f"{scheme}/{province}/"


def cycle_for(unit: AdminUnit) -> ReportingCycle | None:
    return ReportingCycle.objects.filter(province__path=province_path(unit)).first()


def period_start(cycle: ReportingCycle, day: date) -> date:
    length = max(cycle.length_days, 1)
    elapsed = max((day - cycle.starts_on).days, 0)
    return cycle.starts_on + timedelta(days=elapsed // length * length)


def due_on(cycle: ReportingCycle, start: date) -> date:
    return start + timedelta(days=cycle.due_days)


def recent_periods(cycle: ReportingCycle, day: date, count: int) -> list[date]:
    """The current period and up to count − 1 before it, newest first, none before the first."""
    start = period_start(cycle, day)
    periods: list[date] = []
    while len(periods) < count and start >= cycle.starts_on:
        periods.append(start)
        start -= timedelta(days=max(cycle.length_days, 1))
    return periods


def reports(cycle: ReportingCycle, unit: AdminUnit) -> bool:
    return unit.level in cycle.levels
