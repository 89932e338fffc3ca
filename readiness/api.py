"""Readiness in the API: a unit's declared resources (read and replace), and the stored gaps
of a unit's tree for a scenario."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema, Status

from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router

from . import actions, queries
from .models import Verification

router = Router(tags=["readiness"], auth=AUTH)


class MemberIO(Schema):
    committee_role: str = Field(..., description="Trưởng ban, Phó ban, Thành viên…")
    position: str = Field(..., description="the official's position, e.g. Chủ tịch UBND xã")
    name: str = ""


class StockIn(Schema):
    kind: str = Field(..., description="code of the resource kind, e.g. giuong-dieu-tri")
    quantity: int | str = Field(..., description="a whole number ≥ 0")
    in_use: int | str | None = Field(None, description="for beds and places: how many are occupied")


class StockOut(Schema):
    kind: str
    name: str
    group: str
    measure: str
    quantity: int | None
    in_use: int | None
    updated_on: date | None


class ReadinessPlanOut(Schema):
    version: int
    title: str
    uploaded_at: date


class PledgeOut(Schema):
    by_unit: str
    kind: str
    quantity: int


class DeclarationOut(Schema):
    scheme: str
    code: str
    name: str
    committee_name: str
    duty_phone: str
    members: list[MemberIO]
    plan: ReadinessPlanOut | None
    stocks: list[StockOut]
    pledges: list[PledgeOut]


class DeclarationIn(Schema):
    committee_name: str | None = None
    duty_phone: str | None = Field(None, description="the office's on-duty landline; mobile numbers are refused")
    members: list[MemberIO] | None = Field(None, description="replaces the committee when given")
    stocks: list[StockIn] = Field([], description="kinds not listed keep their figures")


class GapRowOut(Schema):
    cases: int | None = Field(None, description="with scenario=next: the unit's cases over the risk levels' window")
    next_scenario: str | None = Field(None, description="with scenario=next: the scenario the unit is measured against")
    scheme: str
    code: str
    name: str
    level: str
    kinds_short: int | None = Field(None, description="kinds the unit itself falls short of")
    communes: int
    communes_short: int = Field(..., description="communes under (or being) the unit that cannot cope")
    worst_cover: int = Field(..., description="percent of the need covered, worst kind and unit")
    shortfall: int


class GapsOut(Schema):
    scenario: str
    unit: GapRowOut
    children: list[GapRowOut]
    short_communes: list[str]


def _declaration(scheme: str, code: str, request: HttpRequest) -> dict[str, object]:
    unit = queries.get_unit(request.user, scheme, code)
    d = queries.declaration(unit)
    return {
        "scheme": unit.scheme,
        "code": unit.code,
        "name": unit.name,
        "committee_name": d.profile.committee_name if d.profile else "",
        "duty_phone": d.profile.duty_phone if d.profile else "",
        "members": [{"committee_role": m.committee_role, "position": m.position, "name": m.name} for m in d.members],
        "plan": {"version": d.plan.version, "title": d.plan.title, "uploaded_at": d.plan.uploaded_at.date()}
        if d.plan
        else None,
        "stocks": [
            {
                "kind": k.code,
                "name": k.name,
                "group": k.group,
                "measure": k.measure.name,
                "quantity": s.quantity if s else None,
                "in_use": s.in_use if s else None,
                "updated_on": s.updated_on if s else None,
            }
            for _label, rows in d.groups
            for k, s in rows
        ],
        "pledges": [{"by_unit": p.by_unit.code, "kind": p.kind.code, "quantity": p.quantity} for p in d.pledges],
    }


@router.get(
    "/readiness/units/{scheme}/{code}",
    response=DeclarationOut,
    access="jurisdiction",
    summary="A unit's declared resources",
)
def get_declaration(request: HttpRequest, scheme: str, code: str) -> dict[str, object]:
    return _declaration(scheme, code, request)


@router.put(
    "/readiness/units/{scheme}/{code}",
    response=DeclarationOut,
    access="jurisdiction-change",
    summary="Declare a unit's resources: all of it is written, or nothing (422 with every problem)",
)
def put_declaration(request: HttpRequest, scheme: str, code: str, payload: DeclarationIn) -> dict[str, object]:
    unit = queries.get_unit(request.user, scheme, code)
    stocks = {s.kind: actions.StockValue(s.quantity, s.in_use) for s in payload.stocks}
    members = (
        [actions.Member(m.committee_role, m.position, m.name) for m in payload.members]
        if payload.members is not None
        else None
    )
    actions.declare(
        unit,
        request_user(request),
        stocks=stocks or None,
        duty_phone=payload.duty_phone,
        committee_name=payload.committee_name,
        members=members,
    )
    return _declaration(scheme, code, request)


def _row(row: queries.RollUp, steps: queries.NextSteps | None = None) -> dict[str, object]:
    step = steps.steps.get(row.unit.pk) if steps else None
    return {
        "cases": step.cases if step else None,
        "next_scenario": step.next.code if step else None,
        "scheme": row.unit.scheme,
        "code": row.unit.code,
        "name": row.unit.name,
        "level": row.unit.level,
        "kinds_short": row.own.kinds_short if row.own else None,
        "communes": row.communes,
        "communes_short": row.communes_short,
        "worst_cover": row.worst_cover,
        "shortfall": row.shortfall,
    }


@router.get(
    "/readiness/gaps",
    response=GapsOut,
    access="signed-in",
    summary="Gaps of a unit and its children for a scenario, or (scenario=next) each against its next scenario",
)
def gaps(request: HttpRequest, unit: str, scheme: str | None = None, scenario: str | None = None) -> dict[str, object]:
    place = queries.get_unit(request.user, scheme or settings.DEFAULT_SCHEME, unit)
    if scenario == queries.NEXT:
        steps = queries.next_steps(place)
        rows = queries.roll_up_next(place, steps)
        return {
            "scenario": queries.NEXT,
            "unit": _row(rows[0], steps),
            "children": [_row(r, steps) for r in rows[1:]],
            "short_communes": [g.unit.code for g in queries.short_communes_next(place, steps)],
        }
    chosen = queries.get_scenario(scenario)
    rows = queries.roll_up(place, chosen)
    return {
        "scenario": chosen.code,
        "unit": _row(rows[0]),
        "children": [_row(r) for r in rows[1:]],
        "short_communes": [g.unit.code for g in queries.short_communes(place, chosen)],
    }


class VerifiedFigureOut(Schema):
    kind: str
    name: str
    declared: int
    declared_on: date
    verified: int
    difference: int = Field(..., description="verified − declared")
    flagged: bool = Field(..., description="verified more than 10 % below the declared figure")
    note: str


class ReadinessInspectionOut(Schema):
    inspection_id: int = Field(..., description="the inspection record (GET /api/v1/inspections/{id})")
    inspected_on: date
    inspecting_unit: str
    outcome: str
    lines: list[VerifiedFigureOut]


class CountedFigureIn(Schema):
    kind: str = Field(..., description="code of a kind the unit declared")
    verified: int | str | None = Field(None, description="what the inspectors counted, a whole number ≥ 0")
    note: str = ""


class ReadinessInspectionIn(Schema):
    inspected_on: date | None = None
    outcome: str = Field("", description="compliant, needs_fixes or violation")
    inspectors: str = ""
    findings: str = Field("", description="required unless compliant")
    fix_by: date | None = Field(None, description="required when the outcome is needs_fixes")
    lines: list[CountedFigureIn] = Field([], description="one per kind the unit declared")


def _verification(v: Verification) -> dict[str, object]:
    return {
        "inspection_id": v.inspection_id,
        "inspected_on": v.inspected_on,
        "inspecting_unit": v.inspection.unit.code,
        "outcome": v.inspection.outcome,
        "lines": [
            {
                "kind": line.kind.code,
                "name": line.kind.name,
                "declared": line.declared,
                "declared_on": line.declared_on,
                "verified": line.verified,
                "difference": line.difference,
                "flagged": line.flagged,
                "note": line.note,
            }
            for line in v.lines.all()
        ],
    }


@router.post(
    "/readiness/units/{scheme}/{code}/inspections",
    response={201: ReadinessInspectionOut},
    access="inspecting",
    summary="Record a readiness inspection by a level above: every declared kind counted (422 with every problem)",
)
def create_verification(request: HttpRequest, scheme: str, code: str, payload: ReadinessInspectionIn) -> Status:
    unit = queries.get_unit(request.user, scheme, code)
    counted = {line.kind: actions.Counted(line.verified, line.note) for line in payload.lines}
    verification = actions.verify(unit, request_user(request), counted=counted, **payload.model_dump(exclude={"lines"}))
    return Status(201, _verification(verification))


@router.get(
    "/readiness/units/{scheme}/{code}/inspections",
    response=list[ReadinessInspectionOut],
    access="jurisdiction",
    summary="A unit's readiness inspections: declared and verified figures, newest first",
)
def list_verifications(request: HttpRequest, scheme: str, code: str) -> list[dict[str, object]]:
    unit = queries.get_unit(request.user, scheme, code)
    return [_verification(v) for v in queries.verifications(unit)]
