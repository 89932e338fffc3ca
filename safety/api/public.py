"""The public side of the safety system's API: the map, search, a place's public facts, the summary
per unit (no login), and the QR poster (owners and officers in jurisdiction)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Schema

from accounts.api import AUTH
from lib import publiccache
from lib.routes import Router
from territory.queries import get_unit
from territory.schemas import UnitRefOut

from .. import public
from ..poster import poster_response, visible_place

router = Router(tags=["safety: public"])

PUBLIC_CACHE = "public, max-age=60"


class FeatureCollectionOut(Schema):
    type: str = "FeatureCollection"
    mode: str = Field(..., description='"clusters" or "places"')
    grid: int | None = Field(None, description="the grid of the clusters (0.5°, 0.1°, 0.02°)")
    features: list[dict[str, Any]]


class SearchResultOut(Schema):
    name: str
    type: str
    type_name: str
    state: str
    state_label: str
    colour: str
    public_code: str
    suspended: bool
    url: str
    address: str
    latitude: float
    longitude: float


class PublicPlaceOut(Schema):
    public_code: str
    name: str
    type: str
    type_name: str
    address: str
    area: str
    latitude: float
    longitude: float
    state: str
    state_label: str
    colour: str
    assessed_at: datetime | None
    valid_until: datetime | None
    never_assessed: bool
    expired: bool
    operating_status: str
    suspended: bool
    closed: bool
    url: str


class SummaryRowOut(Schema):
    unit: UnitRefOut | None
    total: int
    assessed: int
    counts: dict[str, int]
    safe_share: float | None = Field(..., description="safe places per 100 assessed places")
    safe_share_of_all: float | None = Field(..., description="safe places per 100 public places")


class PublicSummaryOut(Schema):
    scheme: str
    unit: UnitRefOut | None
    total: SummaryRowOut
    children: list[SummaryRowOut]
    own: SummaryRowOut = Field(..., description="places registered at the unit itself, under none of its children")


publiccache.register("api:public_places", lambda kwargs: ["places"])
publiccache.register("api:public_summary", lambda kwargs: ["places"])
publiccache.register("api:public_place", lambda kwargs: [f"place:{kwargs['public_code']}", "all-places"])


def _row(row: public.SummaryRow) -> dict[str, Any]:
    return {"unit": row.unit, **row.as_dict()}


@router.get(
    "/public/places",
    response=FeatureCollectionOut,
    access="public",
    auth=None,
    url_name="public_places",
    summary="Public places in a viewport as GeoJSON: clusters by state at low zoom, places at high zoom",
)
def map_places(
    request: HttpRequest,
    response: HttpResponse,
    bbox: str = Query("", description="west,south,east,north in degrees"),
    zoom: str = Query("", description="0 to 20"),
    type: str = Query("", description="codes of types of place, comma-separated"),
    state: str = Query("", description="safe, at_risk, unsafe, not_assessed; comma-separated"),
    unit: str = Query("", description="code of an administrative unit"),
) -> dict[str, Any]:
    query = public.parse_map_query(bbox, zoom, type, state, unit)
    response["Cache-Control"] = PUBLIC_CACHE
    return public.map_features(query)


@router.get(
    "/public/places/search",
    response=list[SearchResultOut],
    access="public",
    auth=None,
    url_name="public_places_search",
    summary="Up to 20 public places by name or address, diacritics and case ignored",
)
def search_places(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    return public.search_places(q)


@router.get(
    "/public/places/{public_code}",
    response=PublicPlaceOut,
    access="public",
    auth=None,
    url_name="public_place",
    summary="What the public may see of a place: the page its QR code opens",
)
def public_place(request: HttpRequest, public_code: str) -> dict[str, Any]:
    return public.place_facts(public.get_public_place(public_code))


@router.get(
    "/public/summary",
    response=PublicSummaryOut,
    access="public",
    auth=None,
    url_name="public_summary",
    summary="Public places by state and the safe share, for a unit and each unit below it",
)
def summary(request: HttpRequest, unit: str = "", scheme: str = "") -> dict[str, Any]:
    scheme = public.parse_scheme(scheme)
    area = get_unit(unit, scheme) if unit else None
    result = public.summarise(area, scheme)
    return {
        "scheme": result.scheme,
        "unit": result.unit,
        "total": _row(result.total),
        "children": [_row(row) for row in result.children],
        "own": _row(result.own),
    }


@router.get(
    "/establishments/{establishment_id}/poster.pdf",
    access="place",
    auth=AUTH,
    url_name="establishment_poster",
    summary="The A4 QR poster of a place (PDF), for its owners and officers in jurisdiction",
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def poster(request: HttpRequest, establishment_id: int) -> HttpResponse:
    return poster_response(request, visible_place(request.user, establishment_id))
