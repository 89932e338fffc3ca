"""Writes of the inspections app, one function per action.

Each validates everything first (ValidationError keyed by field, PermissionDenied for the
wrong user, InspectionConflict for a record in the wrong state), then writes in one
transaction; nothing is half-written. The audit trail records every save by a person.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from lib import attachments, uploads
from lib.checks import text_field
from lib.conflict import Conflict
from territory.models import AdminUnit, Level

from . import checklists
from .models import (
    Checklist,
    Inspection,
    InspectionFile,
    InspectionPlan,
    InspectionStatus,
    Outcome,
    ScreeningCampaign,
    ScreeningDay,
    TargetKind,
)
from .queries import check_target, inspecting_unit_for, require_record

# A verified result this many percentage points away from the owner's own, or in another
# public state, is flagged for the officers.
GAP_POINTS = Decimal(20)
MAX_PERIOD_DAYS = 366
LIMITS = {
    "title": 300,
    "team": 2000,
    "inspectors": 1000,
    "findings": 5000,
    "follow_up": 2000,
    "target_group": 300,
}
MAX_TARGETS = 500
MAX_HOUSEHOLDS = 100_000
MAX_PEOPLE = 1_000_000


class InspectionConflict(Conflict):
    """The record is not in a state that allows this (HTTP 409)."""


@dataclass
class Schedule:
    period_start: date | None
    period_end: date | None
    team: str = ""
    planned_on: date | None = None


def _text(values: dict[str, Any], field: str, errors: dict[str, str], *, required: bool = False) -> str:
    return text_field(values, field, LIMITS, errors, required=required)


def _check_period(start: date | None, end: date | None, errors: dict[str, str]) -> None:
    if start is None:
        errors["period_start"] = _("Give the first day of the period.")
    if end is None:
        errors["period_end"] = _("Give the last day of the period.")
    if start is not None and end is not None:
        if end < start:
            errors["period_end"] = _("The period ends before it starts.")
        elif (end - start).days >= MAX_PERIOD_DAYS:
            errors["period_end"] = _("A period lasts at most a year.")


def _checklist_for(target: object, explicit: Checklist | None, unit_checklist: bool = True) -> Checklist | None:
    if not isinstance(target, AdminUnit) or not unit_checklist:
        return None
    return explicit or checklists.default_checklist(target)


def _new_inspection(
    by: User,
    by_unit: AdminUnit,
    target: Any,
    schedule: Schedule,
    checklist: Checklist | None,
    unit_checklist: bool = True,
    **extra: Any,
) -> Inspection:
    is_unit = isinstance(target, AdminUnit)
    assert schedule.period_start is not None and schedule.period_end is not None
    inspection = Inspection(
        unit=by_unit,
        target_kind=TargetKind.UNIT if is_unit else TargetKind.PLACE,
        target_unit=target if is_unit else None,
        target_place=None if is_unit else target,
        period_start=schedule.period_start,
        period_end=schedule.period_end,
        planned_on=schedule.planned_on,
        team=schedule.team,
        checklist=_checklist_for(target, checklist, unit_checklist),
        created_by=by,
        **extra,
    )
    inspection.save()
    return inspection


@transaction.atomic
def plan_inspections(
    by: User,
    *,
    unit: AdminUnit,
    title: str,
    period_start: date | None,
    period_end: date | None,
    team: str = "",
    checklist: Checklist | None = None,
    targets: Sequence[object],
    is_demo: bool = False,
) -> InspectionPlan:
    """A plan of `unit` with one planned inspection per target (units strictly below it, places
    within it). Every target is checked before anything is written."""
    values = {"title": title, "team": team}
    errors: dict[str, str] = {}
    title = _text(values, "title", errors, required=True)
    team = _text(values, "team", errors)
    _check_period(period_start, period_end, errors)
    if not targets:
        errors["targets"] = _("Choose at least one unit or place to inspect.")
    elif len(targets) > MAX_TARGETS:
        errors["targets"] = _("At most %(limit)d targets in one plan.") % {"limit": MAX_TARGETS}
    if checklist is not None and not checklist.is_active:
        errors["checklist"] = _("This checklist is no longer in use.")
    for target in targets:
        check_target(by, unit, target)
    seen: set[tuple[str, int]] = set()
    for target in targets:
        key = ("unit" if isinstance(target, AdminUnit) else "place", target.pk)  # type: ignore[attr-defined]
        if key in seen:
            errors["targets"] = _("%(target)s is listed twice.") % {"target": target}
        seen.add(key)
    if errors:
        raise ValidationError(errors)
    assert period_start is not None and period_end is not None
    plan = InspectionPlan.objects.create(
        unit=unit,
        title=title,
        period_start=period_start,
        period_end=period_end,
        team=team,
        checklist=checklist,
        created_by=by,
        is_demo=is_demo,
    )
    schedule = Schedule(period_start, period_end, team)
    for target in targets:
        _new_inspection(by, unit, target, schedule, checklist, plan=plan, is_demo=is_demo)
    return plan


@transaction.atomic
def schedule_inspection(
    by: User,
    *,
    target: object,
    unit: AdminUnit | None = None,
    plan: InspectionPlan | None = None,
    schedule: Schedule,
    checklist: Checklist | None = None,
    unit_checklist: bool = True,
) -> Inspection:
    """One inspection outside (or added to) a plan; the inspecting unit is the plan's, the one
    given, or the narrowest unit of the user's jurisdiction above the target. Without
    `unit_checklist` a unit is inspected against no checklist (another app keeps what was
    checked: readiness, the figures it verified)."""
    if plan is not None:
        unit = plan.unit
        schedule = Schedule(
            schedule.period_start or plan.period_start,
            schedule.period_end or plan.period_end,
            schedule.team or plan.team,
            schedule.planned_on,
        )
        checklist = checklist or plan.checklist
    by_unit = unit or inspecting_unit_for(by, target)
    check_target(by, by_unit, target)
    errors: dict[str, str] = {}
    schedule.team = _text({"team": schedule.team}, "team", errors)
    _check_period(schedule.period_start, schedule.period_end, errors)
    if (
        schedule.planned_on is not None
        and schedule.period_start is not None
        and schedule.period_end is not None
        and not schedule.period_start <= schedule.planned_on <= schedule.period_end
    ):
        errors["planned_on"] = _("The planned date must lie within the period.")
    if errors:
        raise ValidationError(errors)
    return _new_inspection(by, by_unit, target, schedule, checklist, unit_checklist, plan=plan)


def _score(inspection: Inspection, answers: Any, errors: dict[str, str]) -> dict[str, Any]:
    """The fields the answers give the record (score, result, gap…), errors collected."""
    if not isinstance(answers, dict):
        errors["answers"] = _("Give the answers as an object: criterion code → answer.")
        return {}
    if inspection.target_kind == TargetKind.PLACE:
        place = inspection.target_place
        try:
            criteria_set = checklists.criteria_set_for(place)
            result = checklists.score_place(criteria_set, answers)
        except ValidationError as invalid:
            errors.update({key: " ".join(messages) for key, messages in invalid.message_dict.items()})
            return {}
        fields = {
            "criteria_set": criteria_set,
            "item_points": result.item_points,
            "score": result.score,
            "max_score": result.max_score,
            "percent": result.percent,
            "result_label": result.band_label,
            "verified_state": result.state,
            "failed_items": list(result.to_fix),
        }
        fields.update(_gap(place, criteria_set, result))
        return fields
    checklist = inspection.checklist
    if checklist is None:
        if answers:
            errors["answers"] = _("This inspection has no checklist: leave the answers empty.")
        return {}
    try:
        outcome = checklists.score_checklist(checklist, answers)
    except ValidationError as invalid:
        errors.update({key: " ".join(messages) for key, messages in invalid.message_dict.items()})
        return {}
    return {
        "score": Decimal(outcome.passed),
        "max_score": Decimal(outcome.applicable),
        "percent": outcome.percent,
        "result_label": outcome.label,
        "failed_items": outcome.failed,
    }


def _gap(place: Any, criteria_set: Any, result: Any) -> dict[str, Any]:
    """The owner's latest self-assessment beside the verified result, and whether they differ
    enough to flag: GAP_POINTS or more apart on the same criteria set, or another public state."""
    own = place.last_assessment
    if own is None:
        return {"self_assessment": None, "self_percent": None, "self_state": "", "gap": None, "gap_flagged": False}
    same_set = own.criteria_set.code == criteria_set.code
    gap = abs(Decimal(result.percent) - own.percent) if same_set else None
    flagged = own.state != result.state or (gap is not None and gap >= GAP_POINTS)
    return {
        "self_assessment": own,
        "self_percent": own.percent,
        "self_state": own.state,
        "gap": gap,
        "gap_flagged": flagged,
    }


@transaction.atomic
def inspect_now(by: User, *, record: dict[str, Any], **schedule: Any) -> Inspection:
    """An inspection planned and recorded in one go (it was done before being entered): both,
    or neither when the record is refused."""
    inspection = schedule_inspection(by, **schedule)
    return record_inspection(inspection, by, **record)


@transaction.atomic
def record_inspection(
    inspection: Inspection,
    by: User,
    *,
    inspected_on: date | None,
    answers: Any,
    outcome: str,
    inspectors: str = "",
    findings: str = "",
    fix_by: date | None = None,
    follow_up: str = "",
    today: date | None = None,
) -> Inspection:
    """Record a planned inspection: the checklist or criteria re-scored, findings, outcome and
    follow-up. A re-inspection closes the fixes of the inspection it follows."""
    require_record(by, inspection)
    locked = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("target_place__type", "target_place__last_assessment__criteria_set", "target_unit", "unit")
        .get(pk=inspection.pk)
    )
    if locked.status != InspectionStatus.PLANNED:
        raise InspectionConflict(
            _("This inspection is already %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    values = {"inspectors": inspectors, "findings": findings, "follow_up": follow_up}
    inspectors = _text(values, "inspectors", errors)
    findings = _text(values, "findings", errors)
    follow_up = _text(values, "follow_up", errors)
    if inspected_on is None:
        errors["inspected_on"] = _("Give the date of the inspection.")
    elif inspected_on > today:
        errors["inspected_on"] = _("The inspection date cannot be in the future.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("The outcome must be one of: %(values)s.") % {"values": ", ".join(Outcome.values)}
    if outcome == Outcome.NEEDS_FIXES:
        if fix_by is None:
            errors["fix_by"] = _("Give the date by which the fixes are due.")
        elif inspected_on is not None and fix_by <= inspected_on:
            errors["fix_by"] = _("The fixes are due after the inspection date.")
    if outcome in (Outcome.NEEDS_FIXES, Outcome.VIOLATION) and not findings:
        errors["findings"] = _("Describe what was found.")
    result = _score(locked, answers, errors)
    if errors:
        raise ValidationError(errors)
    for key, value in result.items():
        setattr(locked, key, value)
    locked.answers = answers
    locked.inspected_on = inspected_on
    locked.inspectors = inspectors
    locked.findings = findings
    locked.outcome = outcome
    locked.fix_by = fix_by if outcome == Outcome.NEEDS_FIXES else None
    locked.follow_up = follow_up
    locked.status = InspectionStatus.DONE
    locked.recorded_by = by
    locked.recorded_at = timezone.now()
    locked.save()
    if locked.reinspection_of_id:
        original = Inspection.objects.select_for_update().get(pk=locked.reinspection_of_id)
        if original.follow_up_closed_on is None:
            original.follow_up_closed_on = inspected_on
            original.follow_up_closed_by = locked
            original.save(update_fields=["follow_up_closed_on", "follow_up_closed_by"])
    if locked.target_kind == TargetKind.PLACE:
        _tell_owners(locked)
    return locked


def _tell_owners(inspection: Inspection) -> None:
    """The owners of an inspected place hear the outcome by email once the record is saved."""
    place = inspection.target_place
    assert place is not None
    addresses = [email for email in place.owners.exclude(email="").values_list("email", flat=True)]
    if not addresses:
        return
    subject = _("Inspection of %(place)s: %(outcome)s") % {
        "place": place.name,
        "outcome": inspection.get_outcome_display(),
    }
    lines = [
        _("%(place)s was inspected on %(date)s.")
        % {"place": place.name, "date": f"{inspection.inspected_on:%d/%m/%Y}"},
        _("Outcome: %(outcome)s.") % {"outcome": inspection.get_outcome_display()},
    ]
    if inspection.fix_by:
        lines.append(_("Fixes are due by %(date)s.") % {"date": f"{inspection.fix_by:%d/%m/%Y}"})
    if inspection.findings:
        lines += ["", inspection.findings]
    body = "\n".join(lines)
    transaction.on_commit(lambda: send_mail(subject, body, None, addresses, fail_silently=True))


@transaction.atomic
def reinspect(
    inspection: Inspection, by: User, *, planned_on: date | None = None, today: date | None = None
) -> Inspection:
    """Plan the re-inspection that will close an inspection's fixes."""
    require_record(by, inspection)
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.follow_up_open:
        raise InspectionConflict(_("Only an inspection whose fixes are still open can be re-inspected."))
    if locked.reinspections.filter(status=InspectionStatus.PLANNED).exists():
        raise InspectionConflict(_("A re-inspection is already planned."))
    today = today or timezone.localdate()
    if planned_on is not None and planned_on < today:
        raise ValidationError({"planned_on": _("The re-inspection cannot be planned in the past.")})
    day = planned_on or max(locked.fix_by or today, today)
    schedule = Schedule(min(today, day), day, locked.team, day)
    return _new_inspection(
        by,
        locked.unit,
        locked.target_unit or locked.target_place,
        schedule,
        locked.checklist,
        plan=locked.plan,
        reinspection_of=locked,
    )


@transaction.atomic
def cancel_inspection(inspection: Inspection, by: User) -> Inspection:
    """A planned inspection that will not take place leaves the coverage's "planned" count."""
    require_record(by, inspection)
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status != InspectionStatus.PLANNED:
        raise InspectionConflict(_("Only a planned inspection can be cancelled."))
    locked.status = InspectionStatus.CANCELLED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def attach_file(inspection: Inspection, by: User, upload: Any) -> InspectionFile:
    """Attach a photo or PDF (checked by content, at most 5 MB) to an inspection."""
    require_record(by, inspection)
    content_type = attachments.check(upload)
    name = uploads.display_name(upload.name)
    attached = InspectionFile(
        inspection=inspection, name=name, content_type=content_type, size=upload.size, uploaded_by=by
    )
    attached.file.save(name, upload, save=False)
    attached.save()
    return attached


# --- Door-to-door screening ------------------------------------------------------------------

CAMPAIGN_LEVELS = (Level.COMMUNE, Level.DISTRICT)


@transaction.atomic
def open_campaign(
    by: User,
    *,
    unit: AdminUnit,
    title: str,
    target_group: str,
    period_start: date | None,
    period_end: date | None,
    is_demo: bool = False,
) -> ScreeningCampaign:
    """A commune or district opens a campaign for its villages."""
    jurisdiction.require_unit(
        by,
        unit,
        change=True,
        message=_("Only officers of %(unit)s or above may open a campaign there.") % {"unit": unit.name},
    )
    errors: dict[str, str] = {}
    if unit.level not in CAMPAIGN_LEVELS:
        errors["unit"] = _("A campaign is opened by a commune or a district.")
    values = {"title": title, "target_group": target_group}
    title = _text(values, "title", errors, required=True)
    target_group = _text(values, "target_group", errors, required=True)
    _check_period(period_start, period_end, errors)
    if errors:
        raise ValidationError(errors)
    assert period_start is not None and period_end is not None
    return ScreeningCampaign.objects.create(
        unit=unit,
        title=title,
        target_group=target_group,
        period_start=period_start,
        period_end=period_end,
        created_by=by,
        is_demo=is_demo,
    )


def _count(value: Any, field: str, limit: int, errors: dict[str, str]) -> int:
    if isinstance(value, bool) or value is None or value == "":
        errors[field] = _("Give a whole number.")
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        errors[field] = _("Give a whole number.")
        return 0
    if not 0 <= number <= limit:
        errors[field] = _("Give a number from 0 to %(limit)s.") % {"limit": f"{limit:,}"}
        return 0
    return number


@transaction.atomic
def record_screening_day(
    campaign: ScreeningCampaign,
    by: User,
    *,
    village: AdminUnit,
    day: date | None,
    households: Any,
    households_visited: Any,
    people_screened: Any,
    people_referred: Any,
    today: date | None = None,
) -> ScreeningDay:
    """A village's counts for one day of the campaign; the same day again replaces them."""
    if village.level != Level.VILLAGE or not village.path.startswith(campaign.unit_path):
        raise ValidationError(
            {"village": _("%(village)s is not a village of this campaign's area.") % {"village": village.name}}
        )
    jurisdiction.require_unit(
        by,
        village,
        change=True,
        message=_("Only officers of %(village)s or above record its screening.") % {"village": village},
    )
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if day is None:
        errors["day"] = _("Give the day.")
    elif not campaign.period_start <= day <= campaign.period_end:
        errors["day"] = _("The day must lie within the campaign, %(start)s to %(end)s.") % {
            "start": f"{campaign.period_start:%d/%m/%Y}",
            "end": f"{campaign.period_end:%d/%m/%Y}",
        }
    elif day > today:
        errors["day"] = _("The day cannot be in the future.")
    counts = {
        "households": _count(households, "households", MAX_HOUSEHOLDS, errors),
        "households_visited": _count(households_visited, "households_visited", MAX_HOUSEHOLDS, errors),
        "people_screened": _count(people_screened, "people_screened", MAX_PEOPLE, errors),
        "people_referred": _count(people_referred, "people_referred", MAX_PEOPLE, errors),
    }
    if not errors.keys() & {"households", "households_visited"} and counts["households_visited"] > counts["households"]:
        errors["households_visited"] = _("More households visited than the village has.")
    if (
        not errors.keys() & {"people_screened", "people_referred"}
        and counts["people_referred"] > counts["people_screened"]
    ):
        errors["people_referred"] = _("More people referred than screened.")
    if errors:
        raise ValidationError(errors)
    assert day is not None
    record = ScreeningDay.objects.select_for_update().filter(campaign=campaign, village=village, day=day).first()
    if record is None:
        record = ScreeningDay(campaign=campaign, village=village, day=day)
    for key, value in counts.items():
        setattr(record, key, value)
    record.recorded_by = by
    record.save()
    return record
