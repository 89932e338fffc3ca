"""What every page and API endpoint reads off a request: the signed-in user and the unit asked for.

Pages behind `login_required` and endpoints behind `accounts.api.AUTH` only ever see a signed-in
user; `request_user` gives it its type, and refuses (403) rather than fails if that is not so.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from territory.models import AdminUnit
from territory.queries import get_unit

from . import jurisdiction
from .models import User


def request_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied(_("Sign in or send a valid API token."))
    return user


def unit_or_home(request: HttpRequest, code: str | None, scheme: str | None = None) -> AdminUnit:
    """The unit asked for (its code, in the scheme given or the user's), or the user's widest one.

    404 for an unknown code; 403 when the user has no jurisdiction or the unit lies outside it.
    """
    home = jurisdiction.home_unit(request.user)
    code = (code or "").strip()
    if code:
        unit = get_unit(code, scheme or (home.scheme if home else None))
    elif home is not None:
        unit = home
    else:
        raise PermissionDenied(_("You have no jurisdiction to look at."))
    jurisdiction.require_unit(request.user, unit)
    return unit
