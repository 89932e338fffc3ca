"""Helpers the inspection pages share: the unit and period asked for, errors onto forms."""

from django.http import HttpRequest

from accounts import jurisdiction
from territory.models import AdminUnit

from ..periods import Period, parse_period, recent_period


def unit_from(request: HttpRequest, code: str | None) -> AdminUnit:
    """The unit asked for (?unit=CODE) or the user's widest one; 403 outside their jurisdiction."""
    return jurisdiction.unit_or_home(request.user, code)


def period_from(request: HttpRequest) -> Period:
    """?period=…, or the last 30 days; ValidationError when it cannot be read."""
    return parse_period(request.GET.get("period")) or recent_period()
