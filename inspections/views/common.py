"""Helpers the inspection pages share: the unit and period asked for, errors onto forms."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
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


def breadcrumb(request: HttpRequest, unit: AdminUnit) -> list[AdminUnit]:
    return [a for a in unit.ancestors() if jurisdiction.can_see_unit(request.user, a)]


def add_errors(form: forms.Form, invalid: ValidationError) -> None:
    """Put an action's errors on the form: on their field when the form has it, else on top."""
    if not hasattr(invalid, "error_dict"):
        for message in invalid.messages:
            form.add_error(None, message)
        return
    for field, messages in invalid.message_dict.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message if target else f"{field}: {message}" if field else message)
