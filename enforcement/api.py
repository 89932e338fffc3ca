"""Violations in the API: recording, decision, publication and withdrawal under the jurisdiction
rules; the public list of published violations (no login); the report of a jurisdiction."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Query, Schema, Status
from ninja.files import UploadedFile

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from inspections.periods import parse_period, recent_period
from lib import attachments
from lib.pagination import Mapped, paged
from lib.routes import Router
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from . import actions, reports
from .models import Violation, ViolationType
from .public import public_facts
from .queries import (
    apply_filters,
    get_published,
    get_violation,
    parse_filters,
    published_violations,
    visible_violations,
)

router = Router(tags=["enforcement"], auth=AUTH)


class ViolationTypeOut(Schema):
    code: str
    name: str
    legal_basis: str
    fine_min: int | None
    fine_max: int
    additional_measures: str
    status: str
    status_note: str


class PublicViolationOut(Schema):
    id: int
    offender_kind: str
    name: str
    is_official: bool
    position: str | None = Field(None, description="for a state official only")
    agency: str | None = Field(None, description="for a state official only")
    place_code: str | None = Field(None, description="public code of the place, for a registered place")
    type: str
    type_name: str
    legal_basis: str
    act: str
    unit: UnitRefOut
    area: str
    occurred_on: date
    decision_number: str
    decision_date: date | None
    decision_authority: str
    fine_amount: int | None = Field(None, description="VND")
    fine_reason: str
    additional_measures: str
    published_at: datetime | None
    url: str | None


class EvidenceOut(attachments.AttachmentOut):
    pass


class ViolationOut(Schema):
    id: int
    status: str
    offender_kind: str
    place_code: str | None
    offender_name: str
    is_official: bool
    position: str
    agency: str
    type: str = Field(alias="type.code")
    act: str
    unit: UnitRefOut
    occurred_on: date
    inspection: int | None = Field(alias="inspection_id")
    decision_number: str
    decision_date: date | None
    decision_authority: str
    fine_amount: int | None
    fine_reason: str
    withdrawal_reason: str
    decided_at: datetime | None
    published_at: datetime | None
    withdrawn_at: datetime | None
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_place_code(violation: Violation) -> str | None:
        return violation.establishment.public_code if violation.establishment else None

    @staticmethod
    def resolve_evidence(violation: Violation) -> list[dict[str, Any]]:
        return attachments.describe(violation.evidence.all(), "enforcement:evidence_file")


class ViolationIn(Schema):
    offender_kind: str = Field(..., description="place, business or person")
    establishment: str | None = Field(None, description="public code (or number) of the place, for a place")
    offender_name: str = Field("", description="of the business or person; a place's own name by default")
    is_official: bool = Field(False, description="a person who is a state official: position and agency required")
    position: str = ""
    agency: str = ""
    type: str = Field(..., description="code of the violation type")
    act: str = Field(..., description="what was done; published: no ID numbers, addresses or phone numbers")
    unit: str | None = Field(None, description="code of the unit where it happened (a place's unit by default)")
    scheme: SchemeName | None = None
    occurred_on: date
    inspection: int | None = Field(None, description="number of the inspection it was found in")


class ViolationPatch(Schema):
    offender_kind: str | None = None
    establishment: str | None = None
    offender_name: str | None = None
    is_official: bool | None = None
    position: str | None = None
    agency: str | None = None
    type: str | None = None
    act: str | None = None
    unit: str | None = None
    scheme: SchemeName | None = None
    occurred_on: date | None = None
    inspection: int | None = None


class ViolationDecisionIn(Schema):
    decision_number: str
    decision_date: date
    decision_authority: str = ""
    fine_amount: int | None = Field(None, description="VND, within the type's range; none needs a fine_reason")
    fine_reason: str = ""


class WithdrawIn(Schema):
    reason: str


class PublicFilter(SubtreeFilter):
    type: str | None = Field(None, description="code of the violation type")
    period: str | None = Field(None, description="of the decision: 2021, 2021-Q2, 2021-05 or 2021-05-01..2021-06-15")


class OfficerFilter(PublicFilter):
    status: str | None = Field(None, description="draft, decided, published or withdrawn")


class ViolationTallyOut(Schema):
    count: int
    fines: int
    officials: int


class LevelOut(Schema):
    level: str
    label: str
    done: int
    planned: int


class TypeTallyOut(Schema):
    type: str
    name: str
    tally: ViolationTallyOut


class UnitTallyOut(Schema):
    unit: UnitRefOut | None
    tally: ViolationTallyOut


class ReportOut(Schema):
    unit: UnitRefOut
    period_start: date
    period_end: date
    inspections: list[LevelOut]
    inspections_done: int
    inspections_planned: int
    total: ViolationTallyOut
    by_type: list[TypeTallyOut]
    by_unit: list[UnitTallyOut]
    drafts: int
    withdrawn: int


def _fresh(pk: int) -> Violation:
    return Violation.objects.select_related("type", "unit", "establishment").prefetch_related("evidence").get(pk=pk)


def _act(request: HttpRequest, violation_id: int, action: Any, **values: Any) -> Violation:
    """A violation the caller sees, changed by `action` in the caller's name, read again."""
    return _fresh(action(get_violation(request.user, violation_id), request_user(request), **values).pk)


@router.get(
    "/violation-types",
    response=list[ViolationTypeOut],
    access="public",
    auth=None,
    summary="Violation types and fine ranges",
)
def list_types(request: HttpRequest) -> Any:
    return ViolationType.objects.filter(is_active=True)


@router.post(
    "/violations",
    response={201: ViolationOut},
    access="signed-in",
    summary="Record a violation (a draft)",
    description="Inspectors and officers, in their jurisdiction. Text that will be published is refused when it "
    "holds an ID number (9 or 12 digits) or a phone number.",
)
def create_violation(request: HttpRequest, payload: ViolationIn) -> Status[Violation]:
    violation = actions.record_violation(request_user(request), payload.model_dump())
    return Status(201, _fresh(violation.pk))


@router.get(
    "/violations", response=list[ViolationOut], access="signed-in", summary="Violations in the caller's jurisdiction"
)
@paged
def list_violations(request: HttpRequest, filters: Query[OfficerFilter]):  # type: ignore[no-untyped-def]
    found = parse_filters(filters.unit, filters.type, filters.period, filters.scheme, filters.status)
    if found.unit is not None:
        jurisdiction.require_unit(request.user, found.unit)
    violations = apply_filters(visible_violations(request.user), found)
    return violations.select_related("type", "unit", "establishment").prefetch_related("evidence").order_by("-pk")


@router.get("/violations/{violation_id}", response=ViolationOut, access="nobody", summary="One violation")
def read_violation(request: HttpRequest, violation_id: int) -> Violation:
    return _fresh(get_violation(request.user, violation_id).pk)


@router.patch("/violations/{violation_id}", response=ViolationOut, access="nobody", summary="Correct a draft")
def patch_violation(request: HttpRequest, violation_id: int, payload: ViolationPatch) -> Violation:
    violation = get_violation(request.user, violation_id)
    changes = payload.model_dump(exclude_unset=True)
    if "unit" in changes and "scheme" not in changes:
        changes["scheme"] = violation.unit.scheme
    return _fresh(actions.update_violation(violation, request_user(request), changes).pk)


@router.post(
    "/violations/{violation_id}/decide",
    response=ViolationOut,
    access="signed-in",
    summary="Record the decision (officers of the unit or above)",
)
def decide(request: HttpRequest, violation_id: int, payload: ViolationDecisionIn) -> Violation:
    return _act(request, violation_id, actions.decide_violation, **payload.model_dump())


@router.post(
    "/violations/{violation_id}/publish",
    response=ViolationOut,
    access="nobody",
    summary="Publish a decided violation (officers of the unit or above)",
)
def publish(request: HttpRequest, violation_id: int) -> Violation:
    return _act(request, violation_id, actions.publish_violation)


@router.post(
    "/violations/{violation_id}/withdraw",
    response=ViolationOut,
    access="signed-in",
    summary="Withdraw a violation with a reason (officers of the unit or above); its record stays",
)
def withdraw(request: HttpRequest, violation_id: int, payload: WithdrawIn) -> Violation:
    return _act(request, violation_id, actions.withdraw_violation, reason=payload.reason)


@router.post(
    "/violations/{violation_id}/evidence",
    response={201: EvidenceOut},
    access="signed-in",
    summary="Keep a photo or PDF (at most 5 MB) with a violation; never public",
)
def upload_evidence(request: HttpRequest, violation_id: int, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    violation = get_violation(request.user, violation_id)
    evidence = actions.attach_evidence(violation, request_user(request), file)
    return Status(201, attachments.describe([evidence], "enforcement:evidence_file")[0])


@router.get(
    "/public/violations",
    response=list[PublicViolationOut],
    access="public",
    auth=None,
    summary="Published violations (no login)",
    description="Officials are listed like everyone else, with is_official, position and agency. No ID number, "
    "home address or phone number is ever part of a violation.",
)
@paged
def public_violations(request: HttpRequest, filters: Query[PublicFilter]):  # type: ignore[no-untyped-def]
    found = parse_filters(filters.unit, filters.type, filters.period, filters.scheme)
    violations = apply_filters(published_violations(), found)
    rows = violations.select_related("type", "unit", "unit__parent", "establishment").order_by("-decision_date", "-pk")
    return Mapped(rows, _public)


def _public(violation: Violation) -> dict[str, Any]:
    parent = violation.unit.parent
    area = f"{violation.unit.name}, {parent.name}" if parent else violation.unit.name
    return public_facts(violation, area=area)


@router.get(
    "/public/violations/{violation_id}",
    response=PublicViolationOut,
    access="nobody",
    auth=None,
    summary="One published violation",
)
def public_violation(request: HttpRequest, violation_id: int) -> dict[str, Any]:
    return _public(get_published(violation_id))


@router.get(
    "/reports/enforcement",
    response=ReportOut,
    access="officers",
    summary="Inspections done and planned by level, violations by type and unit, fines, officials",
)
def enforcement_report(
    request: HttpRequest, unit: str | None = None, scheme: SchemeName | None = None, period: str | None = None
) -> dict[str, Any]:
    found = jurisdiction.unit_or_home(request.user, unit, scheme)
    wanted = parse_period(period) or recent_period(today=timezone.localdate())
    report = reports.build(found, wanted)
    return {
        "unit": found,
        "period_start": wanted.start,
        "period_end": wanted.end,
        "inspections": [
            {"level": level, "label": label, "done": done, "planned": planned}
            for level, label, done, planned in report.inspections
        ],
        "inspections_done": report.inspections_done,
        "inspections_planned": report.inspections_planned,
        "total": report.total.__dict__,
        "by_type": [{"type": kind.code, "name": kind.name, "tally": tally.__dict__} for kind, tally in report.by_type],
        "by_unit": [{"unit": child, "tally": tally.__dict__} for child, tally in report.by_unit],
        "drafts": report.drafts,
        "withdrawn": report.withdrawn,
    }
