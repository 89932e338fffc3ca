"""The public side: levels for the map, what applies at a unit, zones in force, a unit's level
history, and verifying a goods permit — no login."""

import datetime as dt
import json
from datetime import date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Schema

from lib import publiccache
from lib.routes import Router
from territory.queries import get_unit
from territory.schemas import SchemeName, UnitRefOut

from .. import public
from ..measures import what_applies
from ..models import DistancingZone
from ..permit_codes import verify

router = Router(tags=["zones: public"])

PUBLIC_CACHE = "public, max-age=60"


class LevelOfFrameworkOut(Schema):
    code: str
    rank: int
    name: str
    colour: str
    text_colour: str


class FrameworkOut(Schema):
    code: str
    name: str
    legal_basis: str
    status: str = Field(..., description="verified, partial or unverified")
    status_note: str
    window_days: int
    levels: list[LevelOfFrameworkOut]


class PublicUnitLevelOut(Schema):
    code: str
    name: str
    parent: str | None
    latitude: float | None
    longitude: float | None
    framework: str
    level: str
    level_name: str
    rank: int
    colour: str
    text_colour: str
    computed_level: str
    overridden: bool
    since: date


class LevelsMapOut(Schema):
    scheme: str
    level: str
    parent: str | None
    as_of: date | None = Field(..., description="the day the levels were last computed for")
    frameworks: list[FrameworkOut]
    units: list[PublicUnitLevelOut]


class MeasureOut(Schema):
    kind: str = Field(..., description='"measure" (a directive, a lockdown) or "level" (a level\'s measures)')
    code: str
    name: str
    strictness: int
    items: list[str]


class DecisionOut(Schema):
    number: str
    date: date
    signer_name: str
    signer_title: str


class ZoneOut(Schema):
    id: int
    name: str
    measure: MeasureOut
    units: list[UnitRefOut]
    decision: DecisionOut
    starts_at: datetime
    planned_end: datetime
    ended_at: datetime | None
    status: str = Field(..., description="scheduled, active, lifted or expired")
    reason: str
    triggering_cases: int
    goods_vehicles_allowed: bool
    url: str


class LevelHereOut(Schema):
    unit: str = Field(..., description="the unit the level is assessed for (a village takes its commune's)")
    code: str
    name: str
    colour: str
    framework: str
    framework_status: str
    computed_level: str
    computed_level_name: str
    overridden: bool
    override_reason: str
    since: date


class WhatAppliesOut(Schema):
    unit: UnitRefOut
    level: LevelHereOut | None
    level_measures: list[str] = Field(..., description="the level's measures and those of every level below it")
    governing_zone: int | None = Field(..., description="the strictest zone in force over the unit")
    measures: list[str] = Field(..., description="what the governing zone applies")
    zones: list[ZoneOut] = Field(..., description="zones in force on the unit or a unit above it, strictest first")
    zones_within: list[ZoneOut] = Field(..., description="zones in force on units inside this one")
    goods_vehicles_allowed: bool
    goods_notice: str


class StepOut(Schema):
    date: dt.date
    until: dt.date | None
    level: str
    level_name: str
    colour: str
    computed_level: str
    source: str
    reason: str


class TimelineOut(Schema):
    unit: UnitRefOut
    steps: list[StepOut]


class PermitFactsOut(Schema):
    number: str
    plate: str
    operator_name: str
    goods: str
    route: str
    valid_from: date
    valid_until: date


class VerificationOut(Schema):
    result: str = Field(..., description="valid, not_yet_valid, expired, revoked, not_found or forged")
    label: str
    message: str
    colour: str
    permit: PermitFactsOut | None


for _name in ("api:public_levels", "api:public_measures", "api:public_zones"):
    publiccache.register(_name, lambda kwargs: ["zones"])


@router.get(
    "/public/levels",
    response=LevelsMapOut,
    access="public",
    auth=None,
    url_name="public_levels",
    summary="Every unit of a level with its risk level and colour, for a map coloured by level",
)
def levels(
    request: HttpRequest,
    scheme: str = Query("", description="legacy or 2025; the province's scheme by default"),
    level: str = Query("commune", description="province, district or commune"),
    parent: str = Query("", description="code of a unit: only the units under it"),
) -> HttpResponse:
    scheme = public.parse_scheme(scheme)
    level = public.parse_map_level(level)
    area = get_unit(parent, scheme) if parent else None
    # Written straight to JSON: validating 10,600 rows against the schema took most of the time.
    body = json.dumps(public.levels_map(scheme, level, area), cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = PUBLIC_CACHE
    return response


@router.get(
    "/public/units/{scheme}/{code}/measures",
    response=WhatAppliesOut,
    access="public",
    auth=None,
    url_name="public_measures",
    summary="What applies at a unit: its level, the measures in force and the zones over it",
)
def measures(request: HttpRequest, response: HttpResponse, scheme: SchemeName, code: str) -> dict[str, Any]:
    now = timezone.now()
    response["Cache-Control"] = PUBLIC_CACHE
    return public.applies_dict(what_applies(get_unit(code, scheme), now), now)


@router.get(
    "/public/units/{scheme}/{code}/levels",
    response=TimelineOut,
    access="public",
    auth=None,
    url_name="public_timeline",
    summary="A unit's level history, most recent first",
)
def unit_timeline(request: HttpRequest, scheme: SchemeName, code: str) -> dict[str, Any]:
    unit = get_unit(code, scheme)
    steps = [
        {
            "date": step.date,
            "until": step.until,
            "level": step.level.code,
            "level_name": step.level.name,
            "colour": step.level.colour,
            "computed_level": step.computed_level.code,
            "source": step.source,
            "reason": step.reason,
        }
        for step in public.timeline(unit)
    ]
    return {"unit": unit, "steps": steps}


@router.get(
    "/public/zones",
    response=list[ZoneOut],
    access="public",
    auth=None,
    url_name="public_zones",
    summary="Distancing zones in force (under a unit, if given)",
)
def active_zones(
    request: HttpRequest,
    response: HttpResponse,
    scheme: str = Query("", description="legacy or 2025"),
    unit: str = Query("", description="code of a unit: zones within it"),
) -> list[dict[str, Any]]:
    scheme = public.parse_scheme(scheme)
    now = timezone.now()
    zones = DistancingZone.objects.active(now).filter(area__scheme=scheme)
    if unit:
        zones = zones.filter(area_path__under=get_unit(unit, scheme).path)
    response["Cache-Control"] = PUBLIC_CACHE
    return [public.zone_dict(z, now) for z in public.with_units(zones)[:500]]


@router.get(
    "/public/permits/verify",
    response=VerificationOut,
    access="public",
    auth=None,
    url_name="verify_permit",
    summary="Check a goods permit by its QR code, number or plate: valid, expired, revoked, not found or forged",
)
def verify_permit(
    request: HttpRequest,
    response: HttpResponse,
    code: str = Query(
        ...,
        min_length=1,
        max_length=4000,
        description="the code, the whole scanned address, the permit number or the plate",
    ),
) -> dict[str, Any]:
    checked = verify(code)
    response["Cache-Control"] = "no-store"  # a revocation applies at the next scan
    permit = checked.permit
    facts = None
    if permit is not None and checked.result not in ("forged", "not_found"):
        facts = {
            "number": permit.number,
            "plate": permit.plate,
            "operator_name": permit.operator_name,
            "goods": permit.goods_type.name,
            "route": permit.route_text,
            "valid_from": permit.valid_from,
            "valid_until": permit.valid_until,
        }
    return {
        "result": checked.result,
        "label": checked.label,
        "message": checked.message,
        "colour": checked.colour,
        "permit": facts,
    }
