"""The read side of the public safety system: the map (places in a viewport, clusters), search,
the page a QR code opens, and the summary per unit. Nothing here writes.

A place is public when it is accepted and not closed (suspended places stay, marked so) — the
rule of `Establishment.is_public` and `clusters.presence`. Every query is an aggregate or is
capped, so a registry of millions of places answers like a small one.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, F, IntegerField, Max, Min, QuerySet, Sum
from django.db.models.functions import Cast, Floor, Round
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.text import fold
from territory.models import AdminUnit, Level, Scheme, UnitSuccession

from .clusters import GRID_SIZES
from .models import (
    STATE_COLOURS,
    Assessment,
    CriteriaSetStatus,
    Establishment,
    EstablishmentType,
    MapCell,
    OperatingStatus,
    PublicState,
    Registration,
    UnitStateCount,
)

MAX_FEATURES = 400  # merge neighbouring cells until a response holds no more than this
MAX_PLACES = 300  # individual places at high zoom only when the viewport holds no more
MAX_CELLS_SPANNED = 20_000  # a viewport wider than this many cells of a grid is read on a coarser one
SEARCH_LIMIT = 20
STATES = [str(state) for state in PublicState.values]
# Text readable on each state's colour (dark on orange, white on the others).
STATE_TEXT_COLOURS = {PublicState.AT_RISK: "#212529"}


@dataclass(frozen=True)
class PlaceSection:
    template: str
    context: Callable[[Establishment], dict[str, Any]]


_place_sections: list[PlaceSection] = []


def add_place_section(template: str, context: Callable[[Establishment], dict[str, Any]]) -> None:
    """Show another app's facts on a place's public page, under its address: the app registers
    its template and the context for a place in its AppConfig.ready() (enforcement: the
    violations decided against the place)."""
    _place_sections.append(PlaceSection(template, context))


def place_sections() -> list[PlaceSection]:
    return list(_place_sections)


def public_places() -> QuerySet[Establishment]:
    return Establishment.objects.filter(registration=Registration.ACCEPTED).exclude(status=OperatingStatus.CLOSED)


def state_style(state: str) -> dict[str, str]:
    """Label, colour and text colour of a public state, for pages, JSON and the poster."""
    public_state = PublicState(state)
    return {
        "state": public_state.value,
        "state_label": str(public_state.label),
        "colour": STATE_COLOURS[public_state],
        "text_colour": STATE_TEXT_COLOURS.get(public_state, "#ffffff"),
    }


def legend() -> list[dict[str, str]]:
    return [state_style(state) for state in STATES]


# --- The map ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class MapQuery:
    bbox: BBox
    zoom: int
    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    unit: AdminUnit | None = None


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip() for code in (text or "").split(",") if code.strip()))


def parse_bbox(text: str | None) -> BBox:
    if not text or not text.strip():
        raise ValidationError({"bbox": _("Give the viewport as bbox=west,south,east,north.")})
    parts = text.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise ValidationError({"bbox": _("The viewport must be four numbers: west,south,east,north.")})
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise ValidationError({"bbox": _("Longitudes must lie between -180 and 180, latitudes between -90 and 90.")})
    if not (west < east and south < north):
        raise ValidationError({"bbox": _("West must be less than east, and south less than north.")})
    return BBox(west, south, east, north)


def parse_zoom(text: str | None) -> int:
    try:
        zoom = int((text or "").strip())
    except ValueError:
        zoom = -1
    if not 0 <= zoom <= 20:
        raise ValidationError({"zoom": _("Zoom must be a whole number from 0 to 20.")})
    return zoom


def parse_states(text: str | None) -> tuple[str, ...]:
    states = _codes(text)
    unknown = [state for state in states if state not in STATES]
    if unknown:
        raise ValidationError(
            {
                "state": _("Unknown state %(states)s; use one of %(known)s.")
                % {"states": ", ".join(unknown), "known": ", ".join(STATES)}
            }
        )
    return states


def parse_types(text: str | None) -> tuple[str, ...]:
    types = _codes(text)
    known = set(EstablishmentType.objects.filter(code__in=types).values_list("code", flat=True))
    unknown = [code for code in types if code not in known]
    if unknown:
        raise ValidationError({"type": _("Unknown type of place %(types)s.") % {"types": ", ".join(unknown)}})
    return types


def parse_unit(code: str | None, scheme: str | None = None) -> AdminUnit | None:
    code = (code or "").strip()
    if not code:
        return None
    scheme = scheme or settings.DEFAULT_SCHEME
    unit = AdminUnit.objects.filter(scheme=scheme, code=code).first()
    if unit is None:
        raise ValidationError(
            {
                "unit": _("No administrative unit with code %(code)s in scheme %(scheme)s.")
                % {"code": code, "scheme": scheme}
            }
        )
    return unit


def parse_scheme(text: str | None) -> str:
    scheme = (text or "").strip() or settings.DEFAULT_SCHEME
    if scheme not in Scheme.values:
        raise ValidationError({"scheme": _("Unknown scheme %(scheme)s; use legacy or 2025.") % {"scheme": scheme}})
    return scheme


def unit_choices(scheme: str, selected: AdminUnit | None = None, limit: int = 300) -> list[AdminUnit]:
    """Units offered by the map's unit filter: as many levels from the province down as fit in
    `limit` options (a province's districts and communes; nationally, only provinces)."""
    units = AdminUnit.objects.filter(scheme=scheme).order_by("path").only("code", "name", "level", "path")
    for levels in ([Level.PROVINCE, Level.DISTRICT, Level.COMMUNE], [Level.PROVINCE, Level.DISTRICT]):
        if units.filter(level__in=levels).count() <= limit:
            chosen = list(units.filter(level__in=levels))
            break
    else:
        chosen = list(units.filter(level=Level.PROVINCE))
    if selected is not None and all(unit.pk != selected.pk for unit in chosen):
        chosen.append(selected)
    return chosen


def parse_map_query(
    bbox: str | None, zoom: str | None, types: str | None = None, states: str | None = None, unit: str | None = None
) -> MapQuery:
    """Check every parameter and report every bad one at once (field → message)."""
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, parse, text in (
        ("bbox", parse_bbox, bbox),
        ("zoom", parse_zoom, zoom),
        ("types", parse_types, types),
        ("states", parse_states, states),
        ("unit", parse_unit, unit),
    ):
        try:
            values[name] = parse(text)
        except ValidationError as invalid:
            errors.update(invalid.message_dict)
    if errors:
        raise ValidationError(errors)
    return MapQuery(**values)


def filtered_places(
    types: tuple[str, ...] = (), states: tuple[str, ...] = (), unit: AdminUnit | None = None
) -> QuerySet[Establishment]:
    places = public_places()
    if types:
        places = places.filter(type__code__in=types)
    if states:
        places = places.filter(state__in=states)
    if unit is not None:
        places = places.filter(unit_path__under=unit.path)
    return places


def grid_for_zoom(zoom: int) -> int | None:
    """The MapCell grid a zoom level reads; None means individual places."""
    if zoom <= 7:
        return 0
    if zoom <= 10:
        return 1
    if zoom <= 12:
        return 2
    return None


def _cell_expression(field_name: str, size: float) -> Cast:
    """clusters.cell_of in SQL: floor(degrees / size), computed on whole micro-degrees so that a
    place on a cell's edge (107.6 / 0.1) lands in the same cell on SQLite (which divides floats)
    as on PostgreSQL (numerics) and in clusters.cell_of (decimals)."""
    return Cast(Floor(Round(F(field_name) * 1_000_000) / round(size * 1_000_000)), IntegerField())


@dataclass
class Cell:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    latitude_sum: float = 0.0
    longitude_sum: float = 0.0

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    def add(self, state: str, count: int, latitude_sum: float, longitude_sum: float) -> None:
        self.counts[state] = self.counts.get(state, 0) + count
        self.latitude_sum += latitude_sum
        self.longitude_sum += longitude_sum


def _cell_range(bbox: BBox, size: float) -> tuple[int, int, int, int]:
    return (
        math.floor(bbox.west / size),
        math.floor(bbox.south / size),
        math.floor(bbox.east / size),
        math.floor(bbox.north / size),
    )


def _coarsen(grid: int, bbox: BBox) -> int:
    """A viewport spanning very many cells (a crafted request) is read on a coarser grid."""
    while grid > 0:
        x0, y0, x1, y1 = _cell_range(bbox, GRID_SIZES[grid])
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_CELLS_SPANNED:
            break
        grid -= 1
    return grid


def cells_from_map_cells(grid: int, bbox: BBox, states: tuple[str, ...] = ()) -> dict[tuple[int, int], Cell]:
    """Cells of the grid that touch the viewport, from the counts kept in MapCell."""
    x0, y0, x1, y1 = _cell_range(bbox, GRID_SIZES[grid])
    rows = MapCell.objects.filter(grid=grid, x__gte=x0, x__lte=x1, y__gte=y0, y__lte=y1, count__gt=0)
    if states:
        rows = rows.filter(state__in=states)
    cells: dict[tuple[int, int], Cell] = {}
    for x, y, state, count, latitude_sum, longitude_sum in rows.values_list(
        "x", "y", "state", "count", "latitude_sum", "longitude_sum"
    ):
        cells.setdefault((x, y), Cell()).add(state, count, latitude_sum, longitude_sum)
    return cells


def cells_live(places: QuerySet[Establishment], grid: int, bbox: BBox) -> dict[tuple[int, int], Cell]:
    """The same cells counted from the (filtered) places themselves, with one GROUP BY — for
    filters MapCell cannot answer (type, unit)."""
    size = GRID_SIZES[grid]
    x0, y0, x1, y1 = _cell_range(bbox, size)
    step = Decimal(str(size))
    rows = (
        places.filter(
            longitude__gte=x0 * step,
            longitude__lt=(x1 + 1) * step,
            latitude__gte=y0 * step,
            latitude__lt=(y1 + 1) * step,
        )
        .annotate(cx=_cell_expression("longitude", size), cy=_cell_expression("latitude", size))
        .order_by()
        .values("cx", "cy", "state")
        .annotate(n=Count("id"), lat=Sum("latitude"), lon=Sum("longitude"))
    )
    cells: dict[tuple[int, int], Cell] = {}
    for row in rows:
        cells.setdefault((row["cx"], row["cy"]), Cell()).add(
            row["state"], row["n"], float(row["lat"]), float(row["lon"])
        )
    return cells


def merge_cells(cells: dict[tuple[int, int], Cell], limit: int = MAX_FEATURES) -> dict[tuple[int, int], Cell]:
    """Merge 2×2 neighbouring cells until no more than `limit` remain."""
    while len(cells) > limit:
        merged: dict[tuple[int, int], Cell] = {}
        for (x, y), cell in cells.items():
            target = merged.setdefault((x // 2, y // 2), Cell())
            for state, count in cell.counts.items():
                target.counts[state] = target.counts.get(state, 0) + count
            target.latitude_sum += cell.latitude_sum
            target.longitude_sum += cell.longitude_sum
        cells = merged
    return cells


def _point(longitude: float, latitude: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]}


def cluster_feature(cell: Cell) -> dict[str, Any]:
    count = cell.count
    return {
        "type": "Feature",
        "geometry": _point(cell.longitude_sum / count, cell.latitude_sum / count),
        "properties": {"cluster": True, "count": count, "counts": dict(cell.counts)},
    }


def place_url(public_code: str) -> str:
    return reverse("safety:public_place", kwargs={"code": public_code})


def place_feature(row: dict[str, Any]) -> dict[str, Any]:
    style = state_style(row["state"])
    return {
        "type": "Feature",
        "geometry": _point(float(row["longitude"]), float(row["latitude"])),
        "properties": {
            "cluster": False,
            "name": row["name"],
            "type": row["type__code"],
            "type_name": row["type__name"],
            "state": style["state"],
            "state_label": style["state_label"],
            "colour": style["colour"],
            "public_code": row["public_code"],
            "suspended": row["status"] == OperatingStatus.SUSPENDED,
            "url": place_url(row["public_code"]),
        },
    }


def within(places: QuerySet[Establishment], bbox: BBox) -> QuerySet[Establishment]:
    return places.filter(
        latitude__gte=Decimal(str(bbox.south)),
        latitude__lte=Decimal(str(bbox.north)),
        longitude__gte=Decimal(str(bbox.west)),
        longitude__lte=Decimal(str(bbox.east)),
    )


PLACE_FIELDS = ("name", "type__code", "type__name", "state", "status", "public_code", "latitude", "longitude")


def map_features(query: MapQuery) -> dict[str, Any]:
    """A GeoJSON FeatureCollection for the viewport: clusters with counts by state at low zoom,
    individual places at high zoom when there are few enough; never more than MAX_FEATURES."""
    places = filtered_places(query.types, query.states, query.unit)
    grid = grid_for_zoom(query.zoom)
    if grid is None:
        in_view = within(places, query.bbox).order_by()
        if in_view[: MAX_PLACES + 1].count() <= MAX_PLACES:
            rows = in_view.order_by("pk").values(*PLACE_FIELDS)
            features = [place_feature(row) for row in rows]
            return {"type": "FeatureCollection", "mode": "places", "features": features}
        grid = len(GRID_SIZES) - 1
    grid = _coarsen(grid, query.bbox)
    if query.types or query.unit is not None:
        cells = cells_live(places, grid, query.bbox)
    else:
        cells = cells_from_map_cells(grid, query.bbox, query.states)
    cells = merge_cells(cells)
    ordered = sorted(cells.items())
    features = [cluster_feature(cell) for _key, cell in ordered if cell.count > 0]
    return {"type": "FeatureCollection", "mode": "clusters", "grid": grid, "features": features}


def public_bounds(grid: int = 1) -> tuple[float, float, float, float] | None:
    """South, west, north, east of every public place, to the nearest cell of a MapCell grid."""
    size = GRID_SIZES[grid]
    extent = MapCell.objects.filter(grid=grid, count__gt=0).aggregate(
        x0=Min("x"), x1=Max("x"), y0=Min("y"), y1=Max("y")
    )
    if extent["x0"] is None:
        return None
    bounds = (extent["y0"] * size, extent["x0"] * size, (extent["y1"] + 1) * size, (extent["x1"] + 1) * size)
    return (round(bounds[0], 6), round(bounds[1], 6), round(bounds[2], 6), round(bounds[3], 6))


# --- Search and the page a QR code opens --------------------------------------------------------


def search_places(text: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Public places whose name or address holds every word, diacritics and case ignored."""
    words = fold(text or "").split()
    if not words:
        return []
    places = public_places()
    for word in words:
        places = places.filter(search_name__contains=word)
    rows = places.order_by("name", "pk").values(*PLACE_FIELDS, "address")[:limit]
    results = []
    for row in rows:
        properties = place_feature(row)["properties"]
        del properties["cluster"]
        properties.update(address=row["address"], latitude=float(row["latitude"]), longitude=float(row["longitude"]))
        results.append(properties)
    return results


def get_public_place(public_code: str) -> Establishment:
    """The place a QR code names; pending or rejected registrations are not public (404).
    Closed places still answer, so a poster left on a door says the place is closed."""
    place = (
        Establishment.objects.filter(public_code=(public_code or "").strip().upper())
        .select_related("type", "unit")
        .first()
    )
    if place is None or place.registration != Registration.ACCEPTED:
        raise Http404(_("No place has this code."))
    return place


def effective_state(place: Establishment, now: datetime | None = None) -> str:
    """The state to show now: an expired safe or at-risk rating no longer vouches for the place
    (as expire_ratings will record on its next run)."""
    if place.state in (PublicState.SAFE, PublicState.AT_RISK) and place.is_overdue(now):
        return PublicState.NOT_ASSESSED
    return place.state


def unit_names(unit: AdminUnit) -> list[str]:
    """Where a unit lies, from itself up to the province: ["xã Đức Mạnh", "huyện Đắk Mil", …]."""
    return [u.running_name for u in [unit, *reversed(list(unit.ancestors()))]]


def place_facts(place: Establishment, now: datetime | None = None) -> dict[str, Any]:
    """What the public may know about a place: no owners, no contact person or phone."""
    now = now or timezone.now()
    state = effective_state(place, now)
    criteria = None
    if place.last_assessment_id is not None:
        criteria = (
            Assessment.objects.filter(pk=place.last_assessment_id)
            .values(
                title=F("criteria_set__title"),
                legal_basis=F("criteria_set__legal_basis"),
                status=F("criteria_set__status"),
            )
            .first()
        )
    return {
        "public_code": place.public_code,
        # Said to be "the official criteria" only when the set is complete.
        "criteria_title": criteria["title"] if criteria else "",
        "criteria_basis": criteria["legal_basis"] if criteria else "",
        "criteria_complete": bool(criteria and criteria["status"] == CriteriaSetStatus.COMPLETE),
        "type_has_criteria_set": bool(place.type.criteria_set_code),
        "name": place.name,
        "type": place.type.code,
        "type_name": place.type.name,
        "address": place.address,
        "area": ", ".join(unit_names(place.unit)),
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
        **state_style(state),
        "assessed_at": place.assessed_at,
        "valid_until": place.valid_until,
        "never_assessed": place.assessed_at is None,
        "expired": place.assessed_at is not None and place.is_overdue(now),
        "operating_status": place.status,
        "suspended": place.status == OperatingStatus.SUSPENDED,
        "closed": place.status == OperatingStatus.CLOSED,
        "url": place_url(place.public_code),
    }


def province_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.PROVINCE:
        return unit
    return unit.ancestors().first() or unit


# --- Summary per unit -------------------------------------------------------------------------


@dataclass
class SummaryRow:
    """Public places of a unit by state. The safe share is safe places over assessed places
    (safe, at risk or unsafe); the share over all public places, the unassessed included, is
    given too, as the national dashboard does."""

    unit: AdminUnit | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def assessed(self) -> int:
        return self.total - self.counts[PublicState.NOT_ASSESSED]

    @property
    def safe_share(self) -> float | None:
        return _share(self.counts[PublicState.SAFE], self.assessed)

    @property
    def safe_share_of_all(self) -> float | None:
        return _share(self.counts[PublicState.SAFE], self.total)

    def add(self, state: str, count: int) -> None:
        self.counts[state] += count

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "assessed": self.assessed,
            "counts": dict(self.counts),
            "safe_share": self.safe_share,
            "safe_share_of_all": self.safe_share_of_all,
        }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Summary:
    unit: AdminUnit | None  # None: every province of the scheme
    scheme: str
    total: SummaryRow
    children: list[SummaryRow]
    own: SummaryRow  # places registered at the unit itself, in none of its children (a commune's, no village)


def _next_segment(path: str, prefix: str) -> str:
    """The path of the unit right below `prefix` that `path` lies in."""
    return prefix + path[len(prefix) :].split("/", 1)[0] + "/"


def summarise(unit: AdminUnit | None, scheme: str | None = None) -> Summary:
    """Public places by state for a unit and each of its children (or for every province of the
    scheme when no unit is given): one GROUP BY over unit paths, folded into children in Python."""
    scheme = unit.scheme if unit is not None else (scheme or settings.DEFAULT_SCHEME)
    if unit is None:
        children = list(AdminUnit.objects.filter(scheme=scheme, parent=None).order_by("code"))
        prefix = f"{scheme}/"
    else:
        children = list(unit.children.order_by("code"))
        prefix = unit.path
    total, own = SummaryRow(unit), SummaryRow(unit)
    rows = {child.path: SummaryRow(child) for child in children}
    for path, state, count in _counts_by_path(prefix, scheme):
        total.add(state, count)
        row = rows.get(_next_segment(path, prefix)) if path != prefix else None
        (row or own).add(state, count)
    return Summary(unit, scheme, total, list(rows.values()), own)


def _counts_by_path(prefix: str, scheme: str) -> list[tuple[str, str, int]]:
    """(unit path, state, count) of the public places under `prefix`. Places are kept under the
    units of the province's working scheme; a 2025 unit asked for while places sit under legacy
    units counts the places of the legacy communes it was formed from (main successor only).
    The counts per unit are kept as places change (UnitStateCount): a few rows per unit, however
    many places."""
    result = _unit_counts(prefix)
    if scheme == Scheme.Y2025 and settings.DEFAULT_SCHEME != Scheme.Y2025:
        result.extend(_counts_via_successions(prefix))
    return result


def _unit_counts(prefix: str) -> list[tuple[str, str, int]]:
    rows = UnitStateCount.objects.filter(unit_path__under=prefix, count__gt=0)
    return list(rows.values_list("unit_path", "state", "count"))


def _counts_via_successions(prefix: str) -> list[tuple[str, str, int]]:
    links = UnitSuccession.objects.filter(successor__path__under=prefix, is_main=True).values_list(
        "predecessor__path", "successor__path"
    )
    successor_of = dict(links)
    if not successor_of:
        return []
    # A place registered at a legacy district or province (no commune) counts in the 2025
    # province its communes went to, and in none of that province's communes.
    above: dict[str, str] = {}
    for legacy, new in successor_of.items():
        province = "/".join(new.split("/")[:2]) + "/"
        for depth in (2, 3):
            above.setdefault("/".join(legacy.split("/")[:depth]) + "/", province)
    # Legacy paths are scheme/province/district/commune/…; read the provinces involved once.
    provinces = {"/".join(path.split("/")[:2]) + "/" for path in successor_of}
    rows: list[tuple[str, str, int]] = []
    for province_path in sorted(provinces):
        for path, state, count in _unit_counts(province_path):
            successor = successor_of.get("/".join(path.split("/")[:4]) + "/")
            if successor is None and path in above and above[path].startswith(prefix):
                successor = above[path]
            if successor is not None:
                rows.append((successor, state, count))
    return rows


def nearest_places(
    latitude: float, longitude: float, *, type_code: str = "", state: str = PublicState.SAFE, limit: int = 5
) -> list[dict[str, Any]]:
    """The public places of a state (and type) nearest a point, each with its distance in km: a
    box around the point, widened until it holds enough places, read through the location index."""
    places = public_places().filter(state=state)
    if type_code:
        places = places.filter(type__code=type_code)
    rows: list[dict[str, Any]] = []
    for half in (0.05, 0.2, 0.8):
        box = places.filter(
            latitude__range=(latitude - half, latitude + half), longitude__range=(longitude - half, longitude + half)
        )
        rows = list(box.values(*PLACE_FIELDS, "address")[:500])
        if len(rows) >= limit:
            break
    scale = math.cos(math.radians(latitude))
    for row in rows:
        dlat, dlon = float(row["latitude"]) - latitude, (float(row["longitude"]) - longitude) * scale
        row["km"] = round(111.2 * math.hypot(dlat, dlon), 1)
    nearest = sorted(rows, key=lambda row: row["km"])[:limit]
    return [{**place_feature(row)["properties"], "address": row["address"], "km": row["km"]} for row in nearest]
