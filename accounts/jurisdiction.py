"""The one place that decides who may see and change what.

A user scoped to unit U (administrator, officer, inspector) sees records whose unit lies in
U's subtree — one `path__under=U.path` per role, an indexed prefix (lib/paths.py) — and
nothing else. Every list, detail, export and API endpoint goes through these functions.
"""

from functools import reduce
from operator import or_
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from territory.models import AdminUnit, Organisation
from territory.queries import get_unit

from .models import Role, RoleAssignment, User

M = TypeVar("M", bound=Model)
AnyUser = User | AnonymousUser

SEE_ROLES = (Role.ADMINISTRATOR, Role.OFFICER, Role.INSPECTOR)
CHANGE_ROLES = (Role.ADMINISTRATOR, Role.OFFICER)


def assignments(user: AnyUser) -> list[RoleAssignment]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(user.roles.select_related("unit", "organisation"))
        user.__dict__["_role_assignments"] = cached
    return cached


def has_role(user: AnyUser, *roles: str) -> bool:
    return any(a.role in roles for a in assignments(user))


def is_administrator(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def scope_units(user: AnyUser, roles: tuple[str, ...] = SEE_ROLES) -> list[AdminUnit]:
    """The top units of the user's jurisdiction for the given roles, without nested duplicates;
    worked out once per request and roles, kept on the user object with the assignments."""
    if not user.is_authenticated:
        return []
    known: dict[tuple[str, ...], list[AdminUnit]] = user.__dict__.setdefault("_scope_units", {})
    if roles not in known:
        units = sorted({a.unit for a in assignments(user) if a.role in roles and a.unit}, key=lambda u: u.path)
        tops: list[AdminUnit] = []
        for unit in units:
            if not any(unit.path.startswith(top.path) for top in tops):
                tops.append(unit)
        known[roles] = tops
    return list(known[roles])


def unit_paths(user: AnyUser, roles: tuple[str, ...] = SEE_ROLES) -> list[str]:
    return [unit.path for unit in scope_units(user, roles)]


def home_unit(user: AnyUser) -> AdminUnit | None:
    """The unit a user's home page opens on: the widest of their jurisdiction."""
    units = scope_units(user)
    return min(units, key=lambda u: u.depth) if units else None


def unit_or_home(user: AnyUser, code: str | None, scheme: str | None = None) -> AdminUnit:
    """The unit asked for by code (in `scheme`, else the user's own scheme) or, with no code, the user's
    widest unit; 404 for an unknown code, 403 outside the user's jurisdiction or for a user without one."""
    home = home_unit(user)
    code = (code or "").strip()
    if code:
        unit = get_unit(code, scheme or (home.scheme if home else None))
    elif home is not None:
        unit = home
    else:
        raise PermissionDenied(_("You have no jurisdiction to look at."))
    require_unit(user, unit)
    return unit


def requested_unit(user: AnyUser, code: str | None, scheme: str | None = None) -> AdminUnit | None:
    """The unit a list is cut to (`?unit=` in `scheme`, the province's by default), None when none is
    asked; 404 for an unknown code, 403 outside the user's jurisdiction."""
    if not code:
        return None
    unit = get_unit(code, scheme)
    require_unit(user, unit)
    return unit


def can_see_unit(user: AnyUser, unit: AdminUnit) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user))


def can_change_unit(user: AnyUser, unit: AdminUnit) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in unit_paths(user, CHANGE_ROLES))


def visible_ancestors(user: AnyUser, unit: AdminUnit) -> list[AdminUnit]:
    """The units above this one that the user may open: a page's breadcrumb."""
    return [a for a in unit.ancestors() if can_see_unit(user, a)]


def require(allowed: bool, message: str = "") -> None:
    """The one way an action refuses: PermissionDenied, a 403 page or a JSON 403 in the API."""
    if not allowed:
        raise PermissionDenied(message) if message else PermissionDenied


def require_role(user: AnyUser, *roles: str, message: str = "") -> None:
    """The user holds one of the roles (a superuser always passes)."""
    require(user.is_authenticated and (user.is_superuser or has_role(user, *roles)), message)


def require_unit(user: AnyUser, unit: AdminUnit, *, change: bool = False, message: str = "") -> None:
    """The unit lies in the user's jurisdiction (for changing it, as an officer or administrator)."""
    require(can_change_unit(user, unit) if change else can_see_unit(user, unit), message)


def filter_by_unit(
    user: AnyUser,
    queryset: QuerySet[M],
    field: str = "unit",
    roles: tuple[str, ...] = SEE_ROLES,
    *,
    path_field: str | None = None,
    owner_field: str | None = None,
) -> QuerySet[M]:
    """Keep only the records whose unit (reached through `field`, or whose materialised path is
    stored in `path_field`) lies in the user's jurisdiction — plus, when `owner_field` is given,
    the records the user owns."""
    if user.is_authenticated and user.is_superuser:
        return queryset
    if path_field is None:
        path_field = "path" if field == "" else f"{field}__path"
    conditions = [Q(**{f"{path_field}__under": path}) for path in unit_paths(user, roles)]
    if owner_field and user.is_authenticated:
        conditions.append(Q(**{owner_field: user}))
    if not conditions:
        return queryset.none()
    return queryset.filter(reduce(or_, conditions))


def visible_units(user: AnyUser) -> QuerySet[AdminUnit]:
    return filter_by_unit(user, AdminUnit.objects.all(), field="")


def member_organisations(user: AnyUser) -> list[Organisation]:
    return [a.organisation for a in assignments(user) if a.role == Role.COMMUNICATOR and a.organisation]


def visible_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations based in the user's jurisdiction, plus those the user speaks for."""
    own = Q(pk__in=[o.pk for o in member_organisations(user)])
    in_scope = filter_by_unit(user, Organisation.objects.all())
    return Organisation.objects.filter(own | Q(pk__in=in_scope.values("pk"))).select_related("unit")
