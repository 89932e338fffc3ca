"""Inspections, plans, coverage and door-to-door screening in the API, under the same
jurisdiction rules as the pages. An inspection or campaign the caller may not see answers 404;
a unit filter outside the jurisdiction 403 (units are public, so refusing leaks nothing)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Schema, Status
from ninja.files import UploadedFile

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from lib import attachments
from lib.pagination import paged
from lib.routes import Router
from safety.models import Establishment
from territory.models import AdminUnit
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from . import actions, coverage, screening
from .actions import Schedule
from .models import Checklist, Inspection, InspectionPlan, InspectionStatus, Outcome, ScreeningCampaign, TargetKind
from .periods import parse_period, recent_period
from .queries import get_campaign, get_inspection, visible_campaigns, visible_inspections

router = Router(tags=["inspections"], auth=AUTH)


class TargetOut(Schema):
    kind: str
    level: str
    name: str
    code: str = Field(..., description="the unit's code, or the place's public code")


class FileOut(attachments.AttachmentOut):
    pass


class SelfAssessmentOut(Schema):
    percent: Decimal | None
    state: str


class InspectionOut(Schema):
    id: int
    status: str
    plan_id: int | None
    by_unit: UnitRefOut = Field(alias="unit")
    target: TargetOut
    period_start: date
    period_end: date
    planned_on: date | None
    team: str
    checklist: str | None = Field(None, description="code of the unit checklist")
    criteria_set: dict[str, Any] | None = Field(None, description="code and version of the place's criteria set")
    inspected_on: date | None
    inspectors: str
    answers: dict[str, Any]
    score: Decimal | None
    max_score: Decimal | None
    percent: Decimal | None
    result_label: str
    verified_state: str = Field(..., description="for a place: the public state the inspection verified")
    failed_items: list[str]
    self_assessment: SelfAssessmentOut | None = Field(None, description="the owner's latest, when inspected")
    gap: Decimal | None = Field(None, description="percentage points between verified and self-assessed")
    gap_flagged: bool
    findings: str
    outcome: str
    fix_by: date | None
    follow_up: str
    follow_up_open: bool
    follow_up_closed_on: date | None
    reinspection_of: int | None = Field(alias="reinspection_of_id")
    files: list[FileOut]

    @staticmethod
    def resolve_target(inspection: Inspection) -> dict[str, str]:
        if inspection.target_kind == TargetKind.PLACE:
            place = inspection.target_place
            assert place is not None
            return {"kind": "place", "level": "place", "name": place.name, "code": place.public_code}
        unit = inspection.target_unit
        assert unit is not None
        return {"kind": "unit", "level": unit.level, "name": unit.name, "code": unit.code}

    @staticmethod
    def resolve_checklist(inspection: Inspection) -> str | None:
        return inspection.checklist.code if inspection.checklist else None

    @staticmethod
    def resolve_criteria_set(inspection: Inspection) -> dict[str, Any] | None:
        found = inspection.criteria_set
        return {"code": found.code, "version": found.version} if found else None

    @staticmethod
    def resolve_self_assessment(inspection: Inspection) -> dict[str, Any] | None:
        if not inspection.self_state:
            return None
        return {"percent": inspection.self_percent, "state": inspection.self_state}

    @staticmethod
    def resolve_files(inspection: Inspection) -> list[dict[str, Any]]:
        return attachments.describe(inspection.files.all(), "inspections:file")


class RecordIn(Schema):
    inspected_on: date
    outcome: str = Field(..., description="compliant, needs_fixes or violation")
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="criterion code → answer: the place's criteria set, or pass/fail/na for a unit checklist",
    )
    inspectors: str = ""
    findings: str = ""
    fix_by: date | None = Field(None, description="required when the outcome is needs_fixes")
    follow_up: str = ""


class InspectionIn(Schema):
    target_unit: str | None = Field(None, description="code of the unit to inspect")
    target_place: str | None = Field(None, description="public code of the place to inspect")
    scheme: SchemeName | None = Field(None, description="scheme of the unit codes; the province's by default")
    by_unit: str | None = Field(None, description="inspecting unit; by default the caller's narrowest one above")
    plan_id: int | None = None
    period_start: date | None = Field(None, description="by default the plan's, or the inspection date")
    period_end: date | None = None
    planned_on: date | None = None
    team: str = ""
    checklist: str | None = Field(None, description="code of a unit checklist; by default the one for the level")
    record: RecordIn | None = Field(None, description="the record, when the inspection was already done")


class TargetIn(Schema):
    unit: str | None = None
    place: str | None = Field(None, description="public code of a place")


class PlanIn(Schema):
    by_unit: str
    scheme: SchemeName | None = None
    title: str
    period_start: date
    period_end: date
    team: str = ""
    checklist: str | None = None
    targets: list[TargetIn]


class PlanOut(Schema):
    id: int
    title: str
    by_unit: UnitRefOut = Field(alias="unit")
    period_start: date
    period_end: date
    team: str
    checklist: str | None
    inspections: list[int]

    @staticmethod
    def resolve_checklist(plan: InspectionPlan) -> str | None:
        return plan.checklist.code if plan.checklist else None

    @staticmethod
    def resolve_inspections(plan: InspectionPlan) -> list[int]:
        return list(plan.inspections.order_by("pk").values_list("pk", flat=True))


class ReinspectIn(Schema):
    planned_on: date | None = None


class InspectionFilter(SubtreeFilter):
    period: str | None = Field(None, description="2021, 2021-Q2, 2021-05, 2021-05-12 or 2021-05-01..2021-06-15")
    status: str | None = Field(None, description="planned, done or cancelled")
    outcome: str | None = Field(None, description="compliant, needs_fixes or violation")
    flagged: bool | None = Field(None, description="only the inspections whose verified result is far from the owner's")


class ChecklistOut(Schema):
    code: str
    title: str
    basis: str
    levels: list[str]
    items: list[dict[str, Any]]
    status: str
    status_note: str


class InspectionCoverageRowOut(Schema):
    unit: UnitRefOut | None
    inspected: int
    done: int
    planned: int
    places: int
    places_inspected: int
    places_share: float | None
    overdue: int


class InspectionCoverageOut(Schema):
    unit: UnitRefOut
    period_start: date
    period_end: date
    units_inspected: int
    units_not_inspected: list[UnitRefOut]
    total: InspectionCoverageRowOut
    own: InspectionCoverageRowOut
    rows: list[InspectionCoverageRowOut]


class CampaignIn(Schema):
    unit: str = Field(..., description="code of the commune or district")
    scheme: SchemeName | None = None
    title: str
    target_group: str
    period_start: date
    period_end: date


class CampaignOut(Schema):
    id: int
    title: str
    target_group: str
    unit: UnitRefOut
    period_start: date
    period_end: date


class DayIn(Schema):
    village: str = Field(..., description="code of the village")
    day: date
    households: int
    households_visited: int
    people_screened: int
    people_referred: int


class DayOut(Schema):
    village: str
    day: date
    households: int
    households_visited: int
    people_screened: int
    people_referred: int

    @staticmethod
    def resolve_village(record: Any) -> str:
        return str(record.village.code)


class ScreeningTallyOut(Schema):
    households: int
    visited: int
    screened: int
    referred: int
    coverage: float | None


class VillageProgressOut(Schema):
    village: UnitRefOut
    tally: ScreeningTallyOut
    days_reported: int
    last_day: date | None
    lagging: bool


class AreaProgressOut(Schema):
    unit: UnitRefOut
    tally: ScreeningTallyOut
    villages: list[VillageProgressOut]


class ProgressOut(Schema):
    campaign: CampaignOut
    expected: float = Field(..., description="percent of the campaign's days gone by")
    total: ScreeningTallyOut
    areas: list[AreaProgressOut]
    lagging: list[str] = Field(..., description="codes of the villages lagging behind")


def _unit_code(code: str, scheme: str | None, field: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(scheme=scheme or settings.DEFAULT_SCHEME, code=code.strip()).first()
    if unit is None:
        raise ValidationError({field: _("No unit has code %(code)s.") % {"code": code}})
    return unit


def _place_code(code: str, field: str) -> Any:
    place = Establishment.objects.select_related("unit").filter(public_code=code.strip().upper()).first()
    if place is None:
        raise ValidationError({field: _("No place has code %(code)s.") % {"code": code}})
    return place


def _checklist(code: str | None) -> Checklist | None:
    if not code:
        return None
    found = Checklist.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise ValidationError({"checklist": _("No checklist in use has code %(code)s.") % {"code": code}})
    return found


def _fresh(pk: int) -> Inspection:
    return (
        Inspection.objects.select_related("unit", "target_unit", "target_place", "checklist", "criteria_set")
        .prefetch_related("files")
        .get(pk=pk)
    )


def _act(request: HttpRequest, inspection_id: int, action: Any, **values: Any) -> Inspection:
    """An inspection the caller sees, passed to `action` in the caller's name; what it returns, read again."""
    return _fresh(action(get_inspection(request.user, inspection_id), request_user(request), **values).pk)


@router.post(
    "/inspections",
    response={201: InspectionOut},
    access="signed-in",
    summary="Plan one inspection (and record it at once when `record` is given)",
    description="The target is a unit strictly below the inspecting unit, or a place within it: a commune never "
    "inspects its district (403). Officers, inspectors and administrators inspect from their jurisdiction.",
)
def create_inspection(request: HttpRequest, payload: InspectionIn) -> Status[Inspection]:
    user = request_user(request)
    if bool(payload.target_unit) == bool(payload.target_place):
        raise ValidationError({"target_unit": _("Give either target_unit or target_place.")})
    target = (
        _unit_code(payload.target_unit, payload.scheme, "target_unit")
        if payload.target_unit
        else _place_code(payload.target_place or "", "target_place")
    )
    plan = None
    if payload.plan_id is not None:
        plan = InspectionPlan.objects.filter(pk=payload.plan_id).first()
        if plan is None or not jurisdiction.can_see_unit(user, plan.unit):
            raise ValidationError({"plan_id": _("No plan with this number is visible to you.")})
    by_unit = _unit_code(payload.by_unit, payload.scheme, "by_unit") if payload.by_unit else None
    start, end = payload.period_start, payload.period_end
    if payload.record is not None and plan is None:
        start = start or payload.record.inspected_on
        end = end or max(start, payload.record.inspected_on)
    schedule = Schedule(start, end, payload.team, payload.planned_on)
    values: dict[str, Any] = {
        "target": target,
        "unit": by_unit,
        "plan": plan,
        "schedule": schedule,
        "checklist": _checklist(payload.checklist),
    }
    if payload.record is None:
        inspection = actions.schedule_inspection(user, **values)
    else:
        inspection = actions.inspect_now(user, **values, record=payload.record.model_dump())
    return Status(201, _fresh(inspection.pk))


@router.get(
    "/inspections", response=list[InspectionOut], access="signed-in", summary="Inspections in the caller's jurisdiction"
)
@paged
def list_inspections(request: HttpRequest, filters: Query[InspectionFilter]):  # type: ignore[no-untyped-def]
    inspections = visible_inspections(request.user)
    unit = jurisdiction.requested_unit(request.user, filters.unit, filters.scheme)
    if unit is not None:
        inspections = inspections.filter(target_path__under=unit.path)
    errors: dict[str, str] = {}
    try:
        period = parse_period(filters.period)
    except ValidationError as invalid:
        errors.update({k: " ".join(v) for k, v in invalid.message_dict.items()})
        period = None
    if period is not None:
        inspections = inspections.filter(
            Q(inspected_on__gte=period.start, inspected_on__lte=period.end)
            | Q(inspected_on__isnull=True, period_start__lte=period.end, period_end__gte=period.start)
        )
    if filters.status:
        if filters.status not in InspectionStatus.values:
            errors["status"] = _("The status must be one of: %(v)s.") % {"v": ", ".join(InspectionStatus.values)}
        inspections = inspections.filter(status=filters.status)
    if filters.outcome:
        if filters.outcome not in Outcome.values:
            errors["outcome"] = _("The outcome must be one of: %(v)s.") % {"v": ", ".join(Outcome.values)}
        inspections = inspections.filter(outcome=filters.outcome)
    if filters.flagged:
        inspections = inspections.filter(gap_flagged=True)
    if errors:
        raise ValidationError(errors)
    return (
        inspections.select_related("unit", "target_unit", "target_place", "checklist", "criteria_set")
        .prefetch_related("files")
        .order_by("-period_start", "-pk")
    )


@router.get(
    "/inspections/coverage",
    response=InspectionCoverageOut,
    access="officers",
    summary="Which units one level down and which places were inspected in a period",
)
def get_coverage(
    request: HttpRequest, unit: str | None = None, scheme: SchemeName | None = None, period: str | None = None
) -> dict[str, Any]:
    found = jurisdiction.unit_or_home(request.user, unit, scheme)
    wanted = parse_period(period) or recent_period()
    result = coverage.coverage(found, wanted, timezone.localdate())

    def row(item: coverage.Row) -> dict[str, Any]:
        return {**item.__dict__, "places_share": item.places_share}

    return {
        "unit": found,
        "period_start": wanted.start,
        "period_end": wanted.end,
        "units_inspected": result.units_inspected,
        "units_not_inspected": result.units_not_inspected,
        "total": row(result.total),
        "own": row(result.own),
        "rows": [row(item) for item in result.rows],
    }


@router.get("/inspections/{inspection_id}", response=InspectionOut, access="nobody", summary="One inspection")
def read_inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    return _fresh(get_inspection(request.user, inspection_id).pk)


@router.post(
    "/inspections/{inspection_id}/record",
    response=InspectionOut,
    access="signed-in",
    summary="Record a planned inspection",
    description="A place is re-scored with its criteria set; the verified result is compared with the owner's "
    "latest self-assessment and a large gap is flagged. Recording a re-inspection closes the earlier fixes.",
)
def record_inspection(request: HttpRequest, inspection_id: int, payload: RecordIn) -> Inspection:
    return _act(request, inspection_id, actions.record_inspection, **payload.model_dump())


@router.post(
    "/inspections/{inspection_id}/reinspect",
    response={201: InspectionOut},
    access="nobody",
    summary="Plan the re-inspection that closes an inspection's fixes",
)
def reinspect(request: HttpRequest, inspection_id: int, payload: ReinspectIn) -> Status[Inspection]:
    return Status(201, _act(request, inspection_id, actions.reinspect, planned_on=payload.planned_on))


@router.post(
    "/inspections/{inspection_id}/cancel",
    response=InspectionOut,
    access="nobody",
    summary="Cancel a planned inspection",
)
def cancel(request: HttpRequest, inspection_id: int) -> Inspection:
    return _act(request, inspection_id, actions.cancel_inspection)


@router.post(
    "/inspections/{inspection_id}/files",
    response={201: FileOut},
    access="signed-in",
    summary="Attach a photo (JPEG, PNG, GIF, WebP) or PDF of at most 5 MB",
    description="The content is checked, not the name: other files answer 422, larger ones 413.",
)
def upload_file(request: HttpRequest, inspection_id: int, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    inspection = get_inspection(request.user, inspection_id)
    attached = actions.attach_file(inspection, request_user(request), file)
    return Status(201, attachments.describe([attached], "inspections:file")[0])


@router.post(
    "/inspection-plans",
    response={201: PlanOut},
    access="signed-in",
    summary="Plan inspections of several units and places at once",
    description="Every target is checked before anything is written: one bad target and nothing is planned.",
)
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[InspectionPlan]:
    user = request_user(request)
    unit = _unit_code(payload.by_unit, payload.scheme, "by_unit")
    targets: list[Any] = []
    errors: dict[str, str] = {}
    for number, target in enumerate(payload.targets):
        try:
            if bool(target.unit) == bool(target.place):
                raise ValidationError({"": _("Give either unit or place.")})
            if target.unit:
                targets.append(_unit_code(target.unit, payload.scheme or unit.scheme, ""))
            else:
                targets.append(_place_code(target.place or "", ""))
        except ValidationError as invalid:
            errors[f"targets.{number}"] = " ".join(invalid.messages)
    if errors:
        raise ValidationError(errors)
    values = payload.model_dump(exclude={"by_unit", "scheme", "checklist", "targets"})
    plan = actions.plan_inspections(user, unit=unit, checklist=_checklist(payload.checklist), targets=targets, **values)
    return Status(201, plan)


@router.get("/inspection-plans/{plan_id}", response=PlanOut, access="nobody", summary="One inspection plan")
def read_plan(request: HttpRequest, plan_id: int) -> InspectionPlan:
    plan = InspectionPlan.objects.select_related("unit", "checklist").filter(pk=plan_id).first()
    if plan is None or not jurisdiction.can_see_unit(request.user, plan.unit):
        raise Http404(_("No plan with this number is visible to you."))
    return plan


@router.get(
    "/unit-checklists", response=list[ChecklistOut], access="signed-in", summary="Checklists for inspecting units"
)
def list_checklists(request: HttpRequest) -> Any:
    return Checklist.objects.filter(is_active=True)


# --- Door-to-door screening -------------------------------------------------------------------


@router.post(
    "/screening-campaigns", response={201: CampaignOut}, access="signed-in", summary="Open a screening campaign"
)
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Status[ScreeningCampaign]:
    unit = _unit_code(payload.unit, payload.scheme, "unit")
    campaign = actions.open_campaign(request_user(request), unit=unit, **payload.model_dump(exclude={"unit", "scheme"}))
    return Status(201, campaign)


@router.get("/screening-campaigns", response=list[CampaignOut], access="signed-in", summary="Campaigns the caller sees")
@paged
def list_campaigns(request: HttpRequest):  # type: ignore[no-untyped-def]
    return visible_campaigns(request.user).select_related("unit").order_by("-period_start", "-pk")


@router.get(
    "/screening-campaigns/{campaign_id}",
    response=ProgressOut,
    access="nobody",
    summary="Progress per village, commune and district, with the villages lagging behind",
)
def campaign_progress(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    campaign = get_campaign(request.user, campaign_id)
    found = screening.progress(campaign, timezone.localdate())

    def tally(item: screening.Tally) -> dict[str, Any]:
        return {**item.__dict__, "coverage": item.coverage}

    return {
        "campaign": campaign,
        "expected": found.expected,
        "total": tally(found.total.tally),
        "areas": [
            {
                "unit": area.unit,
                "tally": tally(area.tally),
                "villages": [
                    {
                        "village": v.village,
                        "tally": tally(v.tally),
                        "days_reported": v.days_reported,
                        "last_day": v.last_day,
                        "lagging": v.lagging,
                    }
                    for v in area.villages
                ],
            }
            for area in found.areas
        ],
        "lagging": [v.village.code for v in found.lagging],
    }


@router.post(
    "/screening-campaigns/{campaign_id}/days",
    response=DayOut,
    access="signed-in",
    summary="Record a village's counts for one day (again to correct them)",
)
def record_day(request: HttpRequest, campaign_id: int, payload: DayIn) -> Any:
    campaign = get_campaign(request.user, campaign_id)
    village = _unit_code(payload.village, campaign.unit.scheme, "village")
    return actions.record_screening_day(campaign, request_user(request), **{**payload.model_dump(), "village": village})
