"""Goods permits: any signed-in transport operator asks; officers of the origin decide.

A permit the caller may not see answers 404, so the API does not tell whether it exists."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status
from ninja.errors import HttpError

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router
from territory.models import AdminUnit
from territory.queries import get_unit
from territory.schemas import UnitRefOut

from ..actions.permits import PermitInput, approve_permit, register_permit, reject_permit, revoke_permit
from ..models import GoodsPermit, PermitStatus
from ..permit_card import card_response
from ..public import parse_scheme

router = Router(tags=["zones: goods permits"], auth=AUTH)


class PermitIn(Schema):
    operator_name: str
    operator_phone: str
    plate: str = Field(..., description="e.g. 48C-123.45")
    vehicle_kind: str = ""
    driver_name: str
    driver_phone: str = ""
    goods_type: str = Field(..., description="code of a type of goods")
    goods_detail: str = ""
    scheme: str = ""
    origin: str = Field(..., description="code of the unit the vehicle leaves from")
    destination: str
    waypoints: list[str] = Field(default_factory=list, description="codes of units on the way, in order")
    valid_from: date
    valid_until: date


class PermitDecisionIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str


class PermitOut(Schema):
    id: int
    number: str
    status: str
    plate: str
    vehicle_kind: str
    operator_name: str
    operator_phone: str
    driver_name: str
    driver_phone: str
    goods_type: str = Field(alias="goods_type.code")
    goods_detail: str
    origin: UnitRefOut
    destination: UnitRefOut
    route: str = Field(alias="route_text")
    valid_from: date
    valid_until: date
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str
    revoked_at: datetime | None
    revoke_reason: str


def visible_permits(user: Any) -> Any:
    """Permits the user asked for, and those leaving from their jurisdiction."""
    return jurisdiction.filter_by_unit(
        user,
        GoodsPermit.objects.select_related("goods_type", "origin", "destination"),
        path_field="origin_path",
        owner_field="requested_by",
    )


def visible_permit(user: Any, pk: int) -> GoodsPermit:
    permit = visible_permits(user).filter(pk=pk).first()
    if permit is None:
        raise Http404(_("No goods permit with this number."))
    return permit


def _unit_or_none(code: str, scheme: str) -> AdminUnit | None:
    return AdminUnit.objects.filter(scheme=scheme, code=code.strip()).first() if code.strip() else None


@router.post(
    "/permits", response={201: PermitOut}, access="signed-in", summary="Ask for a goods permit for one vehicle"
)
def register(request: HttpRequest, payload: PermitIn) -> Status:
    scheme = parse_scheme(payload.scheme)
    waypoints = [get_unit(code, scheme) for code in payload.waypoints if code.strip()]
    route = {
        "origin": _unit_or_none(payload.origin, scheme),
        "destination": _unit_or_none(payload.destination, scheme),
        "waypoints": waypoints,
    }
    data = PermitInput(**{**payload.model_dump(exclude={"scheme"}), **route})
    permit = register_permit(data, by=request_user(request))
    return Status(201, permit)


@router.get(
    "/permits", response=list[PermitOut], access="signed-in", summary="The caller's permits and those to decide"
)
def list_permits(
    request: HttpRequest,
    status: str = Query("", description="pending, approved, rejected or revoked"),
    plate: str = "",
) -> Any:
    permits = visible_permits(request.user)
    if status:
        if status not in PermitStatus.values:
            raise HttpError(422, _("Unknown status."))
        permits = permits.filter(status=status)
    if plate:
        permits = permits.filter(plate__icontains=plate.strip().upper())
    return list(permits[:500])


@router.get("/permits/{permit_id}", response=PermitOut, access="nobody", summary="One permit")
def permit_detail(request: HttpRequest, permit_id: int) -> GoodsPermit:
    return visible_permit(request.user, permit_id)


@router.post("/permits/{permit_id}/approve", response=PermitOut, access="nobody", summary="Approve a permit")
def approve(request: HttpRequest, permit_id: int, payload: PermitDecisionIn) -> GoodsPermit:
    return approve_permit(visible_permit(request.user, permit_id), by=request_user(request), note=payload.note)


@router.post("/permits/{permit_id}/reject", response=PermitOut, access="signed-in", summary="Reject a permit")
def reject(request: HttpRequest, permit_id: int, payload: ReasonIn) -> GoodsPermit:
    return reject_permit(visible_permit(request.user, permit_id), by=request_user(request), reason=payload.reason)


@router.post(
    "/permits/{permit_id}/revoke",
    response=PermitOut,
    access="signed-in",
    summary="Revoke an approved permit: its code fails at the next scan",
)
def revoke(request: HttpRequest, permit_id: int, payload: ReasonIn) -> GoodsPermit:
    return revoke_permit(visible_permit(request.user, permit_id), by=request_user(request), reason=payload.reason)


@router.get(
    "/permits/{permit_id}/card.pdf",
    access="nobody",
    url_name="permit_card",
    summary="The printable permit with its signed QR code (A4 or A6 PDF)",
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def card(request: HttpRequest, permit_id: int, size: Literal["a4", "a6"] = "a4") -> HttpResponse:
    permit = visible_permit(request.user, permit_id)
    if permit.status != PermitStatus.APPROVED:
        raise HttpError(409, _("Only an approved permit can be printed."))
    return card_response(request, permit, size)
