"""Public pages: the map, the page a QR code opens, the summary per unit; and the QR poster."""

import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lib import publiccache
from lib.pagination import page_number
from lib.routes import route
from lib.text import fold
from territory.models import AdminUnit, Level

from .. import public
from ..models import EstablishmentType, OperatingStatus
from ..poster import PosterUnavailable, poster_response, visible_place

LIST_PAGE_SIZE = 50
# Sorting a whole registry by name costs a scan of every row; longer lists come newest first.
LIST_SORT_LIMIT = 2000
UNIT_ZOOM = {Level.PROVINCE: 9, Level.DISTRICT: 11, Level.COMMUNE: 13, Level.VILLAGE: 14}
VIETNAM = (16.0, 106.5, 5)  # centre and zoom when there is nothing to show yet


def notice(request: HttpRequest, title: str, message: str, status: int) -> HttpResponse:
    return render(request, "safety/public/notice.html", {"title": title, "message": message}, status=status)


def not_found(request: HttpRequest, message: str) -> HttpResponse:
    return notice(request, _("Not found"), message, 404)


def _number(text: str | None, low: float, high: float) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and low <= value <= high else None


def _initial_view(request: HttpRequest, unit: AdminUnit | None) -> dict[str, object]:
    """Where the map opens: the view kept in the URL, else the chosen unit, else every place."""
    lat = _number(request.GET.get("lat"), -90, 90)
    lng = _number(request.GET.get("lng"), -180, 180)
    zoom = _number(request.GET.get("z"), 0, 20)
    if lat is not None and lng is not None and zoom is not None:
        return {"lat": lat, "lng": lng, "zoom": int(zoom)}
    if unit is not None and unit.latitude is not None and unit.longitude is not None:
        return {"lat": float(unit.latitude), "lng": float(unit.longitude), "zoom": UNIT_ZOOM[Level(unit.level)]}
    bounds = public.public_bounds()
    if bounds is not None:
        return {"bounds": ",".join(f"{value:g}" for value in bounds)}
    return dict(zip(("lat", "lng", "zoom"), VIETNAM, strict=True))


def map_page(request: HttpRequest) -> HttpResponse:
    """The public map, with the matching places listed below it (a fallback without JavaScript)."""
    errors: list[str] = []
    chosen: dict[str, object] = {"types": (), "states": (), "unit": None}
    for key, parse, param in (
        ("types", public.parse_types, "type"),
        ("states", public.parse_states, "state"),
        ("unit", public.parse_unit, "unit"),
    ):
        try:
            chosen[key] = parse(request.GET.get(param, ""))
        except ValidationError as invalid:
            errors.extend(invalid.messages)
    types, states, unit = chosen["types"], chosen["states"], chosen["unit"]
    assert isinstance(types, tuple) and isinstance(states, tuple)
    assert unit is None or isinstance(unit, AdminUnit)

    q = request.GET.get("q", "").strip()
    places = public.filtered_places(types, states, unit).select_related("type")
    for word in fold(q).split():
        places = places.filter(search_name__contains=word)
    page = page_number(request.GET.get("page"))
    by_name = places.order_by()[: LIST_SORT_LIMIT + 1].count() <= LIST_SORT_LIMIT
    start = (page - 1) * LIST_PAGE_SIZE
    ordered = places.order_by("name", "pk") if by_name else places.order_by("-pk")
    listed = list(ordered[start : start + LIST_PAGE_SIZE + 1])
    context = {
        "errors": errors,
        "types": EstablishmentType.objects.all(),
        "units": public.unit_choices(settings.DEFAULT_SCHEME, unit),
        "legend": public.legend(),
        "selected": {"type": ",".join(types), "state": ",".join(states), "unit": unit.code if unit else "", "q": q},
        "view": _initial_view(request, unit),
        "places": [(place, public.state_style(place.state)) for place in listed[:LIST_PAGE_SIZE]],
        "suspended": OperatingStatus.SUSPENDED,
        "page": page,
        "has_next": len(listed) > LIST_PAGE_SIZE,
        "by_name": by_name,
    }
    return render(request, "safety/public/map.html", context, status=400 if errors else 200)


def public_place(request: HttpRequest, code: str) -> HttpResponse:
    """The page a visitor reaches by scanning a place's QR code."""
    try:
        place = public.get_public_place(code)
    except Http404:
        return not_found(request, _("No place has this code. Check the code on the poster."))
    sections = [
        render_to_string(section.template, section.context(place), request) for section in public.place_sections()
    ]
    context = {"place": place, "facts": public.place_facts(place), "sections": sections}
    return render(request, "safety/public/place.html", context)


def summary_page(request: HttpRequest) -> HttpResponse:
    """Public places by state and the safe share for a unit and each unit below it."""
    try:
        scheme = public.parse_scheme(request.GET.get("scheme"))
    except ValidationError as invalid:
        return not_found(request, invalid.messages[0])
    code = request.GET.get("unit", "").strip()
    unit = None
    if code:
        unit = AdminUnit.objects.filter(scheme=scheme, code=code).first()
        if unit is None:
            return not_found(request, _("No administrative unit with code %(code)s.") % {"code": code})
    summary = public.summarise(unit, scheme)
    context = {
        "summary": summary,
        "ancestors": list(unit.ancestors()) if unit else [],
        "own": summary.own if summary.own.total and summary.children else None,
        "legend": public.legend(),
        "on_map": scheme == settings.DEFAULT_SCHEME,
    }
    return render(request, "safety/public/summary.html", context)


@login_required
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The A4 QR poster of a place, for its owners and the officers of its jurisdiction."""
    try:
        place = visible_place(request.user, pk)
    except PosterUnavailable as unavailable:
        return notice(request, _("No poster yet"), str(unavailable), 409)
    return poster_response(request, place)


publiccache.register("safety:map", lambda kwargs: ["places"])
publiccache.register("safety:summary", lambda kwargs: ["places"])
publiccache.register("safety:public_place", lambda kwargs: [f"place:{kwargs['code']}", "all-places"])

urlpatterns = [
    route("map/", map_page, name="map", access="public"),
    route("map/summary/", summary_page, name="summary", access="public"),
    route("p/<str:code>", public_place, name="public_place", access="public"),
    route("places/<int:pk>/poster.pdf", poster, name="poster", access="place"),
]
