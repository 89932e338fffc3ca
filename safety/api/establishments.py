"""Places (establishments) in the API: register, list, read, change, accept and reject.

A place the caller may not see answers 404, never 403, so the API does not tell whether a
place exists outside the caller's jurisdiction. A unit filter outside the jurisdiction is a
403: units are public, so refusing it leaks nothing.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from accounts.api import AUTH
from accounts.http import request_user
from lib.pagination import paged
from lib.queries import one_or_404
from lib.routes import Router
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from ..actions.registration import (
    DuplicatePlace,
    accept_place,
    register_place,
    reject_place,
    update_place,
)
from ..models import Establishment
from ..places import PlaceFilters, filter_places, visible_places

router = Router(tags=["safety"], auth=AUTH)


class EstablishmentOut(Schema):
    id: int
    public_code: str
    name: str
    type: str = Field(alias="type.code")
    type_name: str = Field(alias="type.name")
    unit: UnitRefOut
    address: str
    latitude: Decimal
    longitude: Decimal
    location_approximate: bool
    capacity: int | None
    contact_name: str
    contact_phone: str
    status: str
    registration: str
    state: str
    assessed_at: datetime | None
    valid_until: datetime | None
    created_at: datetime


class CandidateOut(Schema):
    id: int
    name: str
    address: str
    type: str = Field(alias="type.code")
    registration: str
    status: str


class DuplicateOut(Schema):
    detail: str
    candidates: list[CandidateOut]


class EstablishmentIn(Schema):
    name: str
    type: str = Field(..., description="code of the type of place, e.g. market, school")
    unit: str = Field(..., description="code of the commune or village")
    scheme: SchemeName | None = Field(None, description="scheme of the unit code; the province's by default")
    address: str = ""
    lat: Decimal | None = Field(None, description="latitude; without coordinates the unit's centroid is used")
    lon: Decimal | None = Field(None, description="longitude")
    capacity: int | None = Field(None, description="capacity or headcount (people)")
    contact_name: str = ""
    contact_phone: str = ""
    status: str = Field("operating", description="operating, suspended or closed")
    confirm_duplicate: bool = Field(False, description="register even if a place with this name and address exists")


class EstablishmentPatch(Schema):
    name: str | None = None
    type: str | None = None
    unit: str | None = None
    scheme: SchemeName | None = None
    address: str | None = None
    lat: Decimal | None = None
    lon: Decimal | None = None
    capacity: int | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    status: str | None = None
    confirm_duplicate: bool = False


class EstablishmentFilter(SubtreeFilter):
    type: str | None = Field(None, description="code of the type of place")
    state: str | None = Field(None, description="public state: safe, at_risk, unsafe, not_assessed")
    registration: str | None = Field(None, description="pending, accepted or rejected")
    q: str | None = Field(None, description="name or address, diacritics and case ignored")


def _values(payload: dict[str, Any]) -> dict[str, Any]:
    renamed = {"lat": "latitude", "lon": "longitude"}
    return {renamed.get(key, key): value for key, value in payload.items() if key != "confirm_duplicate"}


def _place(request: HttpRequest, place_id: int) -> Establishment:
    places = visible_places(request.user).select_related("type", "unit")
    return one_or_404(places, _("No place with this id is visible to you."), pk=place_id)


def _duplicate(found: DuplicatePlace) -> Status[Any]:
    return Status(409, {"detail": str(found), "candidates": found.candidates})


@router.post(
    "/establishments",
    response={201: EstablishmentOut, 409: DuplicateOut},
    access="signed-in",
    summary="Register a place",
    description="Officers register places in their jurisdiction (accepted at once); owners anywhere "
    "(waiting for an officer unless the province accepts owners' registrations). A place with the "
    'same name and address in the same unit answers 409 with the candidates unless "confirm_duplicate" is true.',
)
def create_establishment(request: HttpRequest, payload: EstablishmentIn) -> Status[Any]:
    data = payload.model_dump()
    try:
        place = register_place(request_user(request), _values(data), confirm_duplicate=data["confirm_duplicate"])
    except DuplicatePlace as found:
        return _duplicate(found)
    return Status(201, place)


@router.get(
    "/establishments",
    response=list[EstablishmentOut],
    access="signed-in",
    summary="Places in the caller's jurisdiction (and, for owners, their own)",
)
@paged
def list_establishments(request: HttpRequest, filters: Query[EstablishmentFilter]):  # type: ignore[no-untyped-def]
    wanted = PlaceFilters(**{key: value or "" for key, value in filters.model_dump().items()})
    places = filter_places(request.user, visible_places(request.user), wanted)
    return places.select_related("type", "unit").order_by("name", "pk")


@router.get(
    "/establishments/{place_id}",
    response=EstablishmentOut,
    access="place",
    summary="One place",
    description="A place outside the caller's jurisdiction answers 404, so its existence is not disclosed.",
)
def get_establishment(request: HttpRequest, place_id: int) -> Establishment:
    return _place(request, place_id)


@router.patch(
    "/establishments/{place_id}",
    response={200: EstablishmentOut, 409: DuplicateOut},
    access="place-change",
    summary="Change a place",
    description="Officers of the place's unit change any field; its owners only address, capacity, "
    "contact and status (other fields answer 403).",
)
def patch_establishment(request: HttpRequest, place_id: int, payload: EstablishmentPatch) -> Status[Any]:
    place = _place(request, place_id)
    changes = payload.model_dump(exclude_unset=True)
    try:
        place = update_place(
            place, request_user(request), _values(changes), confirm_duplicate=payload.confirm_duplicate
        )
    except DuplicatePlace as found:
        return _duplicate(found)
    return Status(200, place)


def _decide(request: HttpRequest, place_id: int, decide: Any) -> Establishment:
    decided: Establishment = decide(_place(request, place_id), request_user(request))
    return decided


@router.post(
    "/establishments/{place_id}/accept",
    response=EstablishmentOut,
    access="jurisdiction-change",
    summary="Accept a place's registration (officers of its unit or above)",
)
def accept_establishment(request: HttpRequest, place_id: int) -> Establishment:
    return _decide(request, place_id, accept_place)


@router.post(
    "/establishments/{place_id}/reject",
    response=EstablishmentOut,
    access="jurisdiction-change",
    summary="Reject a place's registration (officers of its unit or above)",
)
def reject_establishment(request: HttpRequest, place_id: int) -> Establishment:
    return _decide(request, place_id, reject_place)
