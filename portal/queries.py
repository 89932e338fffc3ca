"""Who sees which report; the public list; the figures of a jurisdiction; the home page."""

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from directives.queries import public_directives
from enforcement.public import public_facts
from enforcement.queries import published_violations
from lib.queries import one_or_404
from safety.public import legend, nearest_places, search_places, summarise
from territory.models import AdminUnit, Level
from territory.queries import search_units
from zones.measures import what_applies
from zones.public import applies_dict, level_counts, levels_map

from .models import OPEN_STATUSES, PUBLISHED_STATUSES, Report, ReportCategory, ReportStatus


def active_categories() -> QuerySet[ReportCategory]:
    return ReportCategory.objects.filter(is_active=True)


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    """Every report handled in the user's jurisdiction, whatever its state."""
    return jurisdiction.filter_by_unit(user, Report.objects.all(), path_field="unit_path")


def get_report(user: AnyUser, pk: int) -> Report:
    related = ("category", "unit", "place_unit", "establishment", "assigned_to", "escalated_to")
    reports = visible_reports(user).select_related(*related)
    return one_or_404(reports, _("No report with this number is visible to you."), pk=pk)


def published_reports() -> QuerySet[Report]:
    """Accepted reports with the text an officer approved; never the reporter's own words."""
    return Report.objects.filter(status__in=PUBLISHED_STATUSES).exclude(public_text="")


def get_by_tracking_code(code: str) -> Report:
    report = (
        Report.objects.select_related("category", "unit", "place_unit")
        .filter(tracking_code=(code or "").strip().upper())
        .first()
    )
    if report is None:
        raise Http404(_("No report has this tracking code."))
    return report


def overdue(reports: QuerySet[Report], now: datetime | None = None) -> QuerySet[Report]:
    return reports.filter(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def escalated_to(user: AnyUser, reports: QuerySet[Report]) -> QuerySet[Report]:
    """Overdue reports escalated to one of the units the user works at."""
    units = jurisdiction.scope_units(user)
    if user.is_authenticated and user.is_superuser:
        return reports.filter(escalated_to__isnull=False, status__in=OPEN_STATUSES)
    return reports.filter(escalated_to__in=units, status__in=OPEN_STATUSES)


def escalated_to_unit(unit: AdminUnit, reports: QuerySet[Report]) -> QuerySet[Report]:
    """Overdue reports escalated to the unit itself."""
    return reports.filter(escalated_to=unit, status__in=OPEN_STATUSES)


def apply_filters(
    reports: QuerySet[Report], unit: AdminUnit | None = None, category: str = "", status: str = ""
) -> QuerySet[Report]:
    if unit is not None:
        reports = reports.filter(unit_path__under=unit.path)
    if category:
        reports = reports.filter(category__code=category)
    if status:
        reports = reports.filter(status=status)
    return reports


def tally(reports: QuerySet[Report], now: datetime | None = None) -> dict[str, int]:
    """Received, answered, open and overdue, in one query."""
    now = now or timezone.now()
    answered = Q(status__in=[ReportStatus.ANSWERED, ReportStatus.CLOSED])
    return reports.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=answered),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
    )


# The public home page ----------------------------------------------------------------------

HOTLINES = Path(__file__).parent / "data" / "hotlines.json"
MAP_SIZE = 320
LATEST = 5


def hotlines() -> list[dict[str, str]]:
    english = get_language() == "en"
    entries = json.loads(HOTLINES.read_text(encoding="utf-8"))["hotlines"]
    return [
        {"name": (e.get("name_en") if english and e.get("name_en") else e["name"]), "number": e["number"]}
        for e in entries
    ]


def level_dots(units: list[dict[str, Any]], size: int = MAP_SIZE) -> list[dict[str, Any]]:
    """Each commune as a dot placed by its centre, for a map drawn on the server without tiles."""
    placed = [u for u in units if u["latitude"] is not None and u["longitude"] is not None]
    if not placed:
        return []
    lats = [u["latitude"] for u in placed]
    lons = [u["longitude"] for u in placed]
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(sum(lats) / len(lats))), 0.01)
    scale = (size - 20) / span
    lon_scale = math.cos(math.radians(sum(lats) / len(lats)))
    return [
        {
            **u,
            "x": round(10 + (u["longitude"] - min(lons)) * lon_scale * scale, 1),
            "y": round(10 + (max(lats) - u["latitude"]) * scale, 1),
        }
        for u in placed
    ]


def state_counts(unit: AdminUnit) -> dict[str, Any]:
    """Public places of the unit by state, each with its label and colour."""
    total = summarise(unit).total
    rows = [{**style, "count": total.counts[style["state"]]} for style in legend()]
    return {"total": total.total, "rows": rows}


def search_where(text: str, province: AdminUnit) -> dict[str, Any]:
    """Units (district, commune, village) and public places matching the words, diacritics optional."""
    units = search_units(
        AdminUnit.objects.filter(path__under=province.path, level__in=[Level.DISTRICT, Level.COMMUNE, Level.VILLAGE]),
        text,
    ).select_related("parent")
    return {"units": list(units.order_by("path")[:10]), "places": search_places(text, limit=LATEST)}


def province_overview(province: AdminUnit) -> dict[str, Any]:
    """What the home page shows for the whole province, each part in one or two queries."""
    levels = levels_map(province.scheme, Level.COMMUNE, province)
    violations = (
        published_violations()
        .filter(unit_path__under=province.path)
        .select_related("type", "unit", "establishment")
        .order_by("-published_at", "-pk")[:LATEST]
    )
    return {
        "levels": levels,
        "dots": level_dots(levels["units"]),
        "level_counts": level_counts(province.scheme, Level.COMMUNE, province),
        "places": state_counts(province),
        "documents": list(public_directives()[:LATEST]),
        "violations": [public_facts(v) for v in violations],
        "reports": list(
            published_reports().filter(unit_path__under=province.path).select_related("category", "unit")[:3]
        ),
        "hotlines": hotlines(),
    }


def applies_at(unit: AdminUnit, type_code: str = "", point: tuple[float, float] | None = None) -> dict[str, Any]:
    """The unit's level and measures in force (zones included), its places by state, and the
    nearest safe places of a type from the point given or the unit's centre."""
    applies = applies_dict(what_applies(unit))
    if point is None and unit.latitude is not None and unit.longitude is not None:
        point = (float(unit.latitude), float(unit.longitude))
    nearest = nearest_places(point[0], point[1], type_code=type_code) if point else []
    return {"unit": unit, "applies": applies, "places": state_counts(unit), "nearest": nearest}


def report_dots(reports: QuerySet[Report], size: int = MAP_SIZE) -> list[dict[str, Any]]:
    """Published reports counted per handling unit, placed by the unit's centre: one grouped query."""
    rows = (
        reports.filter(unit__latitude__isnull=False)
        .values("unit__code", "unit__name", "unit__latitude", "unit__longitude")
        .annotate(count=Count("pk"))
        .order_by("unit__code")
    )
    units = [
        {
            "code": row["unit__code"],
            "name": row["unit__name"],
            "latitude": float(row["unit__latitude"] or 0),
            "longitude": float(row["unit__longitude"] or 0),
            "count": row["count"],
            "radius": min(4 + 2 * math.sqrt(row["count"]), 18),
        }
        for row in rows[:2000]
    ]
    return level_dots(units, size)
