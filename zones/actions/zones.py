"""Declaring, lifting and expiring distancing zones."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from lib import publiccache
from lib.privacy import check_public_text, require_public_text
from territory.models import AdminUnit

from ..computing import framework_of, province_of, state_for
from ..measures import ancestor_paths
from ..models import DistancingMeasure, DistancingZone, EndReason, ProvinceLevels, RiskLevel, ZoneUnit
from ..scope import scope_of
from . import Conflict, require_unit_change

MAX_ZONE_DAYS = 366
MAX_UNITS = 200
LEVEL_PREFIX = "level:"


@dataclass
class ZoneInput:
    units: list[AdminUnit]
    measure: str  # a measure's code, or "level:<code>" for the measures of a level of the framework
    decision_number: str
    decision_date: Any
    signer_name: str
    signer_title: str
    starts_at: Any
    planned_end: Any
    reason: str
    triggering_cases: Any = 0
    scope_justification: str = ""
    name: str = ""


def _text(errors: dict[str, str], name: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = _("This field is required.")
    elif len(value) > limit:
        errors[name] = _("At most %(max)s characters.") % {"max": limit}
    return value


def resolve_measure(code: str, province: AdminUnit) -> DistancingMeasure | RiskLevel | None:
    code = (code or "").strip()
    if code.startswith(LEVEL_PREFIX):
        framework = framework_of(ProvinceLevels.objects.filter(province=province).first())
        return framework.levels.filter(code=code.removeprefix(LEVEL_PREFIX)).first()
    return DistancingMeasure.objects.filter(code=code).first()


def common_area(units: list[AdminUnit]) -> AdminUnit:
    """The narrowest unit holding all the units."""
    parts = [u.path.strip("/").split("/") for u in units]
    common: list[str] = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) != 1:
            break
        common.append(segments[0])
    path = "/".join(common) + "/"
    return AdminUnit.objects.get(path=path)


def _require_units(units: list[AdminUnit], by: User) -> None:
    """An officer (or administrator) declares, and only over units of their jurisdiction."""
    jurisdiction.require_role(
        by, *jurisdiction.CHANGE_ROLES, message=_("Only officers and administrators declare zones.")
    )
    for unit in units:
        require_unit_change(by, unit)


def _check_units(units: list[AdminUnit]) -> dict[str, str]:
    if not units:
        return {"units": _("Choose at least one unit.")}
    if len(units) > MAX_UNITS:
        return {"units": _("At most %(max)s units in one zone.") % {"max": MAX_UNITS}}
    if len({u.scheme for u in units}) > 1 or len({u.path.split("/")[1] for u in units}) > 1:
        return {"units": _("A zone lies in one province of one scheme.")}
    for unit in units:
        for other in units:
            if unit.pk != other.pk and unit.is_within(other):
                return {
                    "units": _("%(inner)s lies within %(outer)s: choose one of them.")
                    % {"inner": unit.name, "outer": other.name}
                }
    return {}


def _check_period(errors: dict[str, str], data: ZoneInput, now: datetime) -> None:
    if not isinstance(data.decision_date, date) or isinstance(data.decision_date, datetime):
        errors["decision_date"] = _("Enter a date.")
    elif data.decision_date > timezone.localdate(now):
        errors["decision_date"] = _("The decision date is in the future.")
    for name in ("starts_at", "planned_end"):
        value = getattr(data, name)
        if not isinstance(value, datetime) or timezone.is_naive(value):
            errors[name] = _("Enter a date and time.")
    if "starts_at" in errors or "planned_end" in errors:
        return
    if data.planned_end <= data.starts_at:
        errors["planned_end"] = _("The end must come after the start.")
    elif data.planned_end <= now:
        errors["planned_end"] = _("The planned end has passed: there is nothing to declare.")
    elif data.planned_end - data.starts_at > timedelta(days=MAX_ZONE_DAYS):
        errors["planned_end"] = _("A zone lasts at most %(days)s days; extend it by a new decision.") % {
            "days": MAX_ZONE_DAYS
        }


def conflicts(
    units: list[AdminUnit], strictness: int, starts_at: datetime, planned_end: datetime, exclude: int | None = None
) -> list[str]:
    """Why the zone would contradict a zone declared before it over the same area and time.

    Zones over the same area must nest: the same unit cannot be in two zones at once, and a
    zone inside another must be stricter than it (a narrower, stricter core within a wider,
    milder area); otherwise one of them would say something that does not apply.
    """
    paths = [u.path for u in units]
    related = Q(unit_path__in=[p for u in units for p in ancestor_paths(u)])
    for path in paths:
        related |= Q(unit_path__under=path)
    overlapping = (
        ZoneUnit.objects.filter(related)
        .filter(
            Q(zone__ended_at__isnull=True) | Q(zone__ended_at__gt=starts_at),
            zone__starts_at__lt=planned_end,
            zone__planned_end__gt=starts_at,
        )
        .exclude(zone_id=exclude)
        .select_related("zone__measure", "zone__level", "unit")
    )
    problems: list[str] = []
    for other in overlapping:
        zone = other.zone
        for unit in units:
            where = {"unit": unit.name, "other": other.unit.name, "zone": zone.name, "measure": zone.measure_name}
            if other.unit_path == unit.path:
                problems.append(
                    _("%(unit)s is already in zone “%(zone)s” (%(measure)s) for part of this time; lift it first.")
                    % where
                )
            elif unit.path.startswith(other.unit_path) and strictness <= zone.strictness:
                problems.append(
                    _(
                        "%(unit)s lies in zone “%(zone)s” (%(measure)s), which is as strict or stricter: "
                        "a zone inside another must be stricter."
                    )
                    % where
                )
            elif other.unit_path.startswith(unit.path) and zone.strictness <= strictness:
                problems.append(
                    _(
                        "Zone “%(zone)s” (%(measure)s) on %(other)s lies inside this one and is not stricter: "
                        "lift it first."
                    )
                    % where
                )
    return list(dict.fromkeys(problems))


@transaction.atomic
def declare_zone(data: ZoneInput, *, by: User, now: datetime | None = None) -> DistancingZone:
    """Declare a distancing zone over units of the officer's jurisdiction."""
    now = now or timezone.now()
    _require_units(data.units, by)
    errors = _check_units(data.units)
    if errors:
        raise ValidationError(errors)
    area = common_area(data.units)
    province = province_of(area)
    state = state_for(province)
    ProvinceLevels.objects.select_for_update().get(pk=state.pk)  # one declaration at a time per province
    measure = resolve_measure(data.measure, province)
    if measure is None:
        errors["measure"] = _("Choose a measure or a level of the province's framework.")
    fields = {
        name: _text(errors, name, getattr(data, name), limit)
        for name, limit in (
            ("decision_number", 60),
            ("signer_name", 120),
            ("signer_title", 200),
            ("reason", 4000),
        )
    }
    name = (data.name or "").strip()[:200]
    _check_period(errors, data, now)
    cases = data.triggering_cases
    if not isinstance(cases, int) or isinstance(cases, bool) or not 0 <= cases <= 1_000_000:
        errors["triggering_cases"] = _("Enter a whole number of cases from 0.")
    scope = scope_of(data.units, timezone.localdate(now))
    justification = (data.scope_justification or "").strip()
    if scope.is_wide and not justification:
        errors["scope_justification"] = _(
            "Most villages of the area had no case in the last 14 days: say why a narrower zone would not do."
        )
    published = {"name": name, "reason": fields["reason"], "scope_justification": justification}
    errors.update({k: v for k, v in check_public_text(published, DistancingZone).items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    assert measure is not None
    problems = conflicts(data.units, measure.strictness, data.starts_at, data.planned_end)
    if problems:
        raise Conflict(" ".join(problems))
    zone = DistancingZone.objects.create(
        name=name or _zone_name(data.units, measure),
        area=area,
        measure=measure if isinstance(measure, DistancingMeasure) else None,
        level=measure if isinstance(measure, RiskLevel) else None,
        strictness=measure.strictness,
        decision_date=data.decision_date,
        starts_at=data.starts_at,
        planned_end=data.planned_end,
        triggering_cases=cases,
        scope_justification=justification,
        villages_total=scope.villages_total,
        villages_with_cases=scope.villages_with_cases,
        is_wide=scope.is_wide,
        declared_by=by,
        **fields,
    )
    for unit in data.units:
        ZoneUnit.objects.create(zone=zone, unit=unit)
    return zone


def _zone_name(units: list[AdminUnit], measure: DistancingMeasure | RiskLevel) -> str:
    names = ", ".join(u.name for u in units[:3]) + ("…" if len(units) > 3 else "")
    return f"{names} — {measure.name}"[:200]


@transaction.atomic
def lift_zone(
    zone: DistancingZone,
    *,
    by: User,
    at: datetime | None = None,
    decision_number: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> DistancingZone:
    """End a zone from a moment (now by default; a later moment lifts it then)."""
    now = now or timezone.now()
    jurisdiction.require_unit(by, zone.area, change=True, message=_("This zone is outside your jurisdiction."))
    zone = DistancingZone.objects.select_for_update().get(pk=zone.pk)
    if zone.ended_at is not None or zone.planned_end <= now:
        raise Conflict(_("This zone has already ended."))
    at = at or now
    if not isinstance(at, datetime) or timezone.is_naive(at):
        raise ValidationError({"at": _("Enter a date and time.")})
    if at < zone.starts_at and zone.starts_at <= now:
        raise ValidationError({"at": _("A zone cannot be lifted before it started.")})
    if at > zone.planned_end:
        raise ValidationError({"at": _("This is after the planned end: the zone expires by itself then.")})
    if len(decision_number) > 60 or len(reason) > 4000:
        raise ValidationError({"reason": _("The decision number or the reason is too long.")})
    require_public_text({"decision_number": decision_number, "reason": reason}, DistancingZone)
    zone.ended_at = max(at, now) if zone.starts_at > now else at
    zone.end_reason = EndReason.LIFTED
    zone.lift_decision, zone.lift_reason, zone.lifted_by = decision_number.strip(), reason.strip(), by
    zone.save()
    return zone


def expire_zones(now: datetime | None = None) -> int:
    """Zones past their planned end are marked expired. One filtered update: safe to run twice."""
    now = now or timezone.now()
    expired = DistancingZone.objects.filter(ended_at__isnull=True, planned_end__lte=now).update(
        ended_at=F("planned_end"), end_reason=EndReason.EXPIRED
    )
    if expired:
        publiccache.bump("zones")
    return expired
