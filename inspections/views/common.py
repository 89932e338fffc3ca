"""Helpers the inspection pages share: the unit and period asked for, errors onto forms."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts import jurisdiction
from territory import queries
from territory.models import AdminUnit

from ..periods import Period, parse_period, recent_period


def unit_from(request: HttpRequest, code: str | None) -> AdminUnit:
    """The unit asked for (?unit=CODE) or the user's widest one; 403 outside their jurisdiction."""
    home = jurisdiction.home_unit(request.user)
    code = (code or "").strip()
    if code:
        unit = queries.get_unit(code, home.scheme if home else None)
    elif home is not None:
        unit = home
    else:
        raise PermissionDenied(_("You have no jurisdiction to look at."))
    jurisdiction.require_unit(request.user, unit)
    return unit


def period_from(request: HttpRequest) -> Period:
    """?period=…, or the last 30 days; ValidationError when it cannot be read."""
    return parse_period(request.GET.get("period")) or recent_period()
