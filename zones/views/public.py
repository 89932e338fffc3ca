"""Public pages: the map coloured by level, a unit's level, measures and timeline, zones in force,
and the checkpoint page that checks a goods permit's QR code."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from lib import publiccache
from lib.routes import route
from territory.models import AdminUnit, Level
from territory.queries import search_units

from .. import public
from ..computing import COMPUTED_LEVELS, current_figures
from ..measures import what_applies, zone_items
from ..models import DistancingZone, ProvinceLevels, UnitLevel
from ..permit_codes import verify

TABLE_PAGE_SIZE = 100


def notice(request: HttpRequest, title: str, message: str, status: int) -> HttpResponse:
    return render(request, "zones/notice.html", {"title": title, "message": message}, status=status)


def _default_parent(scheme: str) -> AdminUnit | None:
    """The province whose levels are kept, when there is only one."""
    provinces = list(ProvinceLevels.objects.filter(province__scheme=scheme).select_related("province")[:2])
    return provinces[0].province if len(provinces) == 1 else None


def levels_page(request: HttpRequest) -> HttpResponse:
    """The map coloured by level, with every unit listed below it (the page works without the map)."""
    try:
        scheme = public.parse_scheme(request.GET.get("scheme"))
        level = public.parse_map_level(request.GET.get("level"))
    except ValidationError as invalid:
        return notice(request, _("Not found"), invalid.messages[0], 400)
    code = request.GET.get("unit", "").strip()
    parent = AdminUnit.objects.filter(scheme=scheme, code=code).first() if code else _default_parent(scheme)
    if code and parent is None:
        return notice(request, _("Not found"), _("No administrative unit with code %(code)s.") % {"code": code}, 404)
    rows = (
        public.level_rows(scheme, level, parent)
        .select_related("unit__parent", "level", "computed_level", "framework")
        .order_by("-level__rank", "unit__name")
    )
    page = Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {"scheme": scheme, "level": level, "parent": parent.code if parent else ""}
    context = {
        "scheme": scheme,
        "level": level,
        "parent": parent,
        "page": page,
        "counts": public.level_counts(scheme, level, parent),
        "api_query": "&".join(f"{k}={v}" for k, v in query.items() if v),
        "levels": [(lv, label) for lv, label in Level.choices if lv in COMPUTED_LEVELS and lv != Level.PROVINCE],
        "frameworks": {row.framework for row in page},
        "active_zones": DistancingZone.objects.active().filter(area__scheme=scheme).count(),
    }
    return render(request, "zones/public/levels.html", context)


def unit_page(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A unit's level (computed and in force), what applies there, the zones and the timeline."""
    try:
        unit = public.public_unit(scheme, code)
    except ValidationError as invalid:
        return notice(request, _("Not found"), invalid.messages[0], 404)
    now = timezone.now()
    applies = what_applies(unit, now)
    own_level = applies.level is not None and applies.level.unit_id == unit.pk
    children = (
        UnitLevel.objects.filter(unit__parent=unit)
        .select_related("unit", "level")
        .order_by("-level__rank", "unit__name")
    )
    context = {
        "unit": unit,
        "ancestors": list(unit.ancestors()),
        "applies": applies,
        "own_level": own_level,
        "figures": current_figures(unit).as_dict() if own_level else None,
        "zones": [(z, zone_items(z)) for z in applies.zones],
        "timeline": public.timeline(unit) if unit.level in COMPUTED_LEVELS else [],
        "children": children,
        "can_override": unit.level in COMPUTED_LEVELS and jurisdiction.can_change_unit(request.user, unit),
        "goods_notice": public.goods_notice(),
    }
    return render(request, "zones/public/unit.html", context)


def zones_page(request: HttpRequest) -> HttpResponse:
    try:
        scheme = public.parse_scheme(request.GET.get("scheme"))
    except ValidationError as invalid:
        return notice(request, _("Not found"), invalid.messages[0], 400)
    zones = (
        DistancingZone.objects.current_or_future()
        .filter(area__scheme=scheme)
        .select_related("measure", "level", "area")
        .order_by("-strictness", "starts_at")
    )
    now = timezone.now()
    q = request.GET.get("q", "").strip()[:100]
    found = (
        search_units(AdminUnit.objects.filter(scheme=scheme).select_related("parent"), q).order_by("path")[:20]
        if q
        else []
    )
    context = {
        "zones": [(z, z.status(now)) for z in zones[:300]],
        "goods_notice": public.goods_notice(),
        "q": q,
        "found": found,
    }
    return render(request, "zones/public/zones.html", context)


def zone_page(request: HttpRequest, pk: int) -> HttpResponse:
    zone = get_object_or_404(DistancingZone.objects.select_related("measure", "level__framework", "area"), pk=pk)
    context = {
        "zone": zone,
        "status": zone.status(),
        "items": zone_items(zone),
        "units": [zu.unit for zu in zone.zone_units.select_related("unit").order_by("unit_path")],
        "goods_notice": public.goods_notice(),
        "can_lift": zone.status() in ("active", "scheduled") and jurisdiction.can_change_unit(request.user, zone.area),
    }
    return render(request, "zones/public/zone.html", context)


def checkpoint(request: HttpRequest) -> HttpResponse:
    """What a checkpoint sees after scanning a permit: the answer in one glance, plate and route."""
    code = request.GET.get("code", "")
    result = verify(code) if code.strip() else None
    response = render(request, "zones/public/checkpoint.html", {"result": result, "code": code})
    response["Cache-Control"] = "no-store"  # a revocation applies at the next scan
    return response


def level_colours(request: HttpRequest) -> HttpResponse:
    """The risk levels' colours as a stylesheet: badges carry a class, not an inline style."""
    return HttpResponse(public.level_stylesheet(), content_type="text/css; charset=utf-8")


for _name in ("zones:levels", "zones:unit", "zones:zones", "zones:zone", "zones:level_colours"):
    publiccache.register(_name, lambda kwargs: ["zones"])

urlpatterns = [
    route("levels/", levels_page, name="levels", access="public"),
    route("levels/colours.css", level_colours, name="level_colours", access="public"),
    route("levels/<str:scheme>/<str:code>/", unit_page, name="unit", access="public"),
    route("zones/", zones_page, name="zones", access="public"),
    route("zones/<int:pk>/", zone_page, name="zone", access="nobody"),
    route("permits/check/", checkpoint, name="checkpoint", access="public"),
]
