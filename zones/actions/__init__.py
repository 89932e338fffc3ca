"""Writes of the zones app, one function per action, grouped by subject. Each checks who may
act, validates (django ValidationError, nothing written), and writes in one transaction."""

from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from lib import conflict
from territory.models import AdminUnit


class Conflict(conflict.Conflict):
    """The request contradicts the records as they stand (answered with 409): a zone overlapping
    a contradictory one, a permit already decided, a zone already ended."""


def require_unit_change(by: User, unit: AdminUnit) -> None:
    """`by` may change the unit's records; else PermissionDenied naming the unit."""
    jurisdiction.require_unit(
        by, unit, change=True, message=_("%(unit)s is outside your jurisdiction.") % {"unit": unit.name}
    )
