"""What every page and API endpoint reads off a request: the signed-in user (the unit asked for,
or the user's own, is `jurisdiction.unit_or_home`).

Pages behind `login_required` and endpoints behind `accounts.api.AUTH` only ever see a signed-in
user; `request_user` gives it its type, and refuses (403) rather than fails if that is not so.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .models import User


def request_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied(_("Sign in or send a valid API token."))
    return user
