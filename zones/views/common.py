"""What the officers' pages share: who may use them and which units they may choose."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts import jurisdiction
from accounts.models import User
from territory.models import AdminUnit


def officer(request: HttpRequest) -> User:
    """The signed-in user, if they may change something somewhere; 403 otherwise."""
    user = request.user
    if not isinstance(user, User) or not (
        user.is_superuser or jurisdiction.scope_units(user, jurisdiction.CHANGE_ROLES)
    ):
        raise PermissionDenied
    return user


def changeable_units(user: User, levels: tuple[str, ...]) -> QuerySet[AdminUnit]:
    units = AdminUnit.objects.filter(level__in=levels)
    return jurisdiction.filter_by_unit(user, units, field="", roles=jurisdiction.CHANGE_ROLES).order_by("path")
