"""Who sees and who acts on which inspection or campaign, all through accounts.jurisdiction.

- Seeing: an inspection is visible to the officers, inspectors and administrators above its
  target (so the unit inspected sees its own results) and to the owners of the place inspected
  once it is recorded.
- Planning and recording: done *from* a unit of the user's jurisdiction (officers, inspectors,
  administrators) on a target strictly below that unit — a commune never inspects its district,
  nor itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from accounts.models import Role
from lib.queries import one_or_404
from territory.models import AdminUnit

from .models import Inspection, InspectionStatus, ScreeningCampaign, TargetKind


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    inspections = Inspection.objects.all()
    scoped = jurisdiction.filter_by_unit(user, inspections, path_field="target_path")
    if user.is_authenticated and jurisdiction.has_role(user, Role.OWNER):
        owned = Q(target_place__owners=user, status=InspectionStatus.DONE)
        return inspections.filter(Q(pk__in=scoped.values("pk")) | Q(pk__in=inspections.filter(owned).values("pk")))
    return scoped


def get_inspection(user: AnyUser, pk: int) -> Inspection:
    """An inspection the user may see; 404 otherwise, so nothing tells whether it exists."""
    related = ("unit", "target_unit", "target_place__type", "target_place__unit", "plan", "checklist")
    return one_or_404(
        visible_inspections(user).select_related(*related),
        _("No inspection with this number is visible to you."),
        pk=pk,
    )


def planning_units(user: AnyUser) -> list[AdminUnit]:
    """The units a user may inspect from: the tops of their jurisdiction."""
    return jurisdiction.scope_units(user)


def may_record(user: AnyUser, inspection: Inspection) -> bool:
    """Officers, inspectors and administrators of the inspecting unit or above record it."""
    return jurisdiction.can_see_unit(user, inspection.unit)


def require_record(user: AnyUser, inspection: Inspection) -> None:
    jurisdiction.require(
        may_record(user, inspection),
        _("Only the inspecting unit's officers and inspectors may change this inspection."),
    )


def target_path(target: AdminUnit | object) -> str:
    if isinstance(target, AdminUnit):
        return target.path
    return str(target.unit_path)  # type: ignore[attr-defined]


def check_target(user: AnyUser, by_unit: AdminUnit, target: object) -> None:
    """PermissionDenied unless the user may inspect from `by_unit` and the target lies strictly
    below it (a unit) or within it (a place)."""
    jurisdiction.require_unit(
        user, by_unit, message=_("You may not plan inspections for %(unit)s.") % {"unit": by_unit.name}
    )
    if isinstance(target, AdminUnit):
        jurisdiction.require(
            target.pk != by_unit.pk and target.path.startswith(by_unit.path),
            _("A unit inspects only the units below it: %(by)s cannot inspect %(target)s.")
            % {"by": by_unit.name, "target": target.name},
        )
    else:
        jurisdiction.require(
            target_path(target).startswith(by_unit.path),
            _("%(place)s lies outside %(by)s: it cannot be inspected from there.")
            % {"place": target, "by": by_unit.name},
        )


def inspecting_unit_for(user: AnyUser, target: object) -> AdminUnit:
    """The narrowest unit of the user's jurisdiction the target lies strictly below."""
    path = target_path(target)
    candidates = [
        unit
        for unit in jurisdiction.scope_units(user)
        if path.startswith(unit.path) and (not isinstance(target, AdminUnit) or target.pk != unit.pk)
    ]
    if not candidates and user.is_authenticated and user.is_superuser:
        above = target.parent if isinstance(target, AdminUnit) else target.unit  # type: ignore[attr-defined]
        if above is not None:
            return above
    name = target.name if isinstance(target, AdminUnit) else str(target)
    jurisdiction.require(
        bool(candidates),
        _("%(target)s is not below any unit of your jurisdiction: you may not inspect it.") % {"target": name},
    )
    return max(candidates, key=lambda unit: len(unit.path))


def visible_campaigns(user: AnyUser) -> QuerySet[ScreeningCampaign]:
    """Campaigns within the user's jurisdiction, and those of the units above it that cover it
    (a village officer records the days of their commune's campaign)."""
    campaigns = ScreeningCampaign.objects.all()
    if user.is_authenticated and user.is_superuser:
        return campaigns
    paths = jurisdiction.unit_paths(user)
    if not paths:
        return campaigns.none()
    covering: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        covering.update("/".join(parts[:i]) + "/" for i in range(2, len(parts)))
    inside = Q()
    for path in paths:
        inside |= Q(unit_path__under=path)
    return campaigns.filter(inside | Q(unit_path__in=covering))


def get_campaign(user: AnyUser, pk: int) -> ScreeningCampaign:
    campaigns = visible_campaigns(user).select_related("unit")
    return one_or_404(campaigns, _("No screening campaign with this number is visible to you."), pk=pk)


def target_of(inspection: Inspection) -> object:
    return inspection.target_place if inspection.target_kind == TargetKind.PLACE else inspection.target_unit


@dataclass
class InspectionSection:
    template: str
    context: Callable[[AnyUser, Inspection], dict[str, Any] | None]


_sections: list[InspectionSection] = []


def add_inspection_section(template: str, context: Callable[[AnyUser, Inspection], dict[str, Any] | None]) -> None:
    """Show another app's facts on an inspection's page: the app registers its template and the
    context for a user and an inspection (None: nothing to show) in its AppConfig.ready()
    (readiness: the figures a readiness inspection verified)."""
    _sections.append(InspectionSection(template, context))


def inspection_sections(user: AnyUser, inspection: Inspection) -> list[tuple[str, dict[str, Any]]]:
    shown = []
    for section in _sections:
        context = section.context(user, inspection)
        if context is not None:
            shown.append((section.template, context))
    return shown
