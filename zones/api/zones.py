"""Distancing zones: declared and lifted by officers of the area; the narrow-scope check."""

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router
from territory.models import AdminUnit
from territory.schemas import UnitRefOut

from .. import public
from ..actions.zones import ZoneInput, declare_zone, lift_zone
from ..models import DistancingZone
from ..scope import scope_of
from .common import aware
from .public import ZoneOut

router = Router(tags=["zones: distancing"], auth=AUTH)


class ZoneIn(Schema):
    units: list[str] = Field(..., description="codes of the villages, communes or districts covered")
    scheme: str = ""
    measure: str = Field(..., description='code of a measure (ct-15, ct-16, ct-19, phong-toa) or "level:<code>"')
    decision_number: str
    decision_date: date
    signer_name: str
    signer_title: str
    starts_at: datetime
    planned_end: datetime
    reason: str
    triggering_cases: int = 0
    scope_justification: str = ""
    name: str = ""


class LiftIn(Schema):
    at: datetime | None = Field(None, description="when the zone ends; now by default")
    decision_number: str = ""
    reason: str = ""


class ScopeRowOut(Schema):
    unit: UnitRefOut
    villages_total: int
    villages_with_cases: int
    is_wide: bool


class ScopeOut(Schema):
    first_day: date
    last_day: date
    is_wide: bool = Field(..., description="most villages had no case: a justification is required")
    rows: list[ScopeRowOut]


def _units(codes: list[str], scheme: str) -> list[AdminUnit]:
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    found = {u.code: u for u in AdminUnit.objects.filter(scheme=scheme, code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise Http404(
            _("No administrative unit with code %(code)s in scheme %(scheme)s.")
            % {"code": ", ".join(missing), "scheme": scheme}
        )
    return [found[c] for c in wanted]


def _visible(request: HttpRequest, pk: int) -> DistancingZone:
    zone = get_object_or_404(DistancingZone.objects.select_related("measure", "level__framework", "area"), pk=pk)
    return zone


@router.post("/zones", response={201: ZoneOut}, access="signed-in", summary="Declare a distancing zone")
def declare(request: HttpRequest, payload: ZoneIn) -> Status:
    scheme = public.parse_scheme(payload.scheme)
    moments = {"starts_at": aware(payload.starts_at), "planned_end": aware(payload.planned_end)}
    data = ZoneInput(**{**payload.model_dump(exclude={"scheme"}), **moments, "units": _units(payload.units, scheme)})
    zone = declare_zone(data, by=request_user(request))
    return Status(201, public.zone_dict(zone))


@router.get(
    "/zones", response=list[ZoneOut], access="signed-in", summary="Zones whose area is in the caller's jurisdiction"
)
def list_zones(
    request: HttpRequest, status: str = Query("", description="active, or empty for every zone")
) -> list[dict[str, Any]]:
    chosen = DistancingZone.objects.active() if status == "active" else DistancingZone.objects.all()
    zones = jurisdiction.filter_by_unit(request.user, chosen, path_field="area_path")
    now = timezone.now()
    return [public.zone_dict(z, now) for z in public.with_units(zones)[:500]]


@router.get(
    "/zones/scope", response=ScopeOut, access="signed-in", summary="How many villages of each unit had cases lately"
)
def scope(
    request: HttpRequest,
    units: str = Query(..., description="codes of units, comma-separated"),
    scheme: str = "",
) -> dict[str, Any]:
    chosen = _units(units.split(","), public.parse_scheme(scheme))
    for unit in chosen:
        jurisdiction.require_unit(request.user, unit)
    result = scope_of(chosen)
    return {
        "first_day": result.first_day,
        "last_day": result.last_day,
        "is_wide": result.is_wide,
        "rows": [
            {
                "unit": row.unit,
                "villages_total": row.villages_total,
                "villages_with_cases": row.villages_with_cases,
                "is_wide": row.is_wide,
            }
            for row in result.rows
        ],
    }


@router.get("/zones/{zone_id}", response=ZoneOut, access="nobody", auth=None, summary="One zone (zones are public)")
def zone_detail(request: HttpRequest, zone_id: int) -> dict[str, Any]:
    return public.zone_dict(_visible(request, zone_id))


@router.post("/zones/{zone_id}/lift", response=ZoneOut, access="nobody", summary="Lift a zone (now, or from a moment)")
def lift(request: HttpRequest, zone_id: int, payload: LiftIn) -> dict[str, Any]:
    zone = _visible(request, zone_id)
    zone = lift_zone(
        zone,
        by=request_user(request),
        at=aware(payload.at),
        decision_number=payload.decision_number,
        reason=payload.reason,
    )
    return public.zone_dict(zone)
