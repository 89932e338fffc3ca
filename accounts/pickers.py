"""Unit and organisation pickers for every app's forms (lib/picker.py explains the picker): the
choices a user may make, the search behind the picker's endpoint, and the form fields."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lib.picker import PickField, PickMultipleField
from territory.models import AdminUnit, Level, Scheme
from territory.queries import find_units, unit_label

from . import jurisdiction
from .jurisdiction import AnyUser

ALL = "all"  # the scope of a route or a public filter: every unit of the scheme (units are public)
CHANGE = "change"  # units where the user may change records


def pick_scheme(user: AnyUser, scheme: str | None = None) -> str:
    """The scheme a picker searches: the one asked for, else the user's own, else the province's."""
    if scheme in Scheme.values:
        return str(scheme)
    home = jurisdiction.home_unit(user)
    return home.scheme if home is not None else settings.DEFAULT_SCHEME


def pickable_units(
    user: AnyUser,
    *,
    scope: str = "",
    levels: Iterable[str] = (),
    scheme: str | None = None,
    under: AdminUnit | None = None,
) -> QuerySet[AdminUnit]:
    """The units a unit picker offers: of one scheme (codes repeat across schemes), of the levels
    asked for, below `under` if given, in the user's jurisdiction unless the scope is every unit."""
    if scope == ALL:
        units = AdminUnit.objects.all()
    elif scope == CHANGE:
        units = jurisdiction.filter_by_unit(user, AdminUnit.objects.all(), field="", roles=jurisdiction.CHANGE_ROLES)
    else:
        units = jurisdiction.visible_units(user)
    units = units.filter(scheme=pick_scheme(user, scheme))
    if under is not None:
        units = units.filter(path__under=under.path).exclude(pk=under.pk)
    wanted = [level for level in levels if level in Level.values]
    return units.filter(level__in=wanted) if wanted else units


def search_pickable_units(units: QuerySet[AdminUnit], text: str, limit: int) -> list[dict[str, Any]]:
    return [{"value": unit.code, "label": unit_label(unit)} for unit in find_units(units, text)[:limit]]


def unit_field(
    label: Any,
    user: AnyUser,
    *,
    scope: str = "",
    levels: Iterable[str] = (),
    scheme: str | None = None,
    under: AdminUnit | None = None,
    **kwargs: Any,
) -> PickField:
    """A unit picked by code; the cleaned value is the unit. The picker offers the units of
    `pickable_units(user, scope=…)`; the field takes any unit of the scheme and levels, so that a
    unit outside the jurisdiction is refused where every page refuses it (the action's or the
    view's `require_unit`, a 403), and a code that is no unit is the field's error."""
    levels = list(levels)
    params = {"scheme": pick_scheme(user, scheme)}
    if scope:
        params["scope"] = scope
    if levels:
        params["levels"] = ",".join(levels)
    if under is not None:
        scheme, params["scheme"], params["under"] = under.scheme, under.scheme, under.code
    units = pickable_units(user, scope=ALL, levels=levels, scheme=scheme, under=under).select_related("parent")
    kwargs.setdefault("help_text", _("Type part of the name (without accents is fine) or the code, then pick."))
    return PickField(units, "units:pick", params=params, label_from=unit_label, label=label, **kwargs)


def units_field(
    label: Any, user: AnyUser, *, scope: str = "", levels: Iterable[str] = (), **kwargs: Any
) -> PickMultipleField:
    """Several units, in the order picked (a route's stops); taken as `unit_field` takes one."""
    levels = list(levels)
    params = {"scheme": pick_scheme(user), "scope": scope, "levels": ",".join(levels)}
    units = pickable_units(user, scope=ALL, levels=levels).select_related("parent")
    params = {key: value for key, value in params.items() if value}
    return PickMultipleField(units, "units:pick", params=params, label_from=unit_label, label=label, **kwargs)
