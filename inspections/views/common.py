"""Helpers the inspection pages share: the unit and period asked for, errors onto forms."""

from django.http import HttpRequest

from ..periods import Period, parse_period, recent_period


def period_from(request: HttpRequest) -> Period:
    """?period=…, or the last 30 days; ValidationError when it cannot be read."""
    return parse_period(request.GET.get("period")) or recent_period()
