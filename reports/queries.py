"""The situation of a unit in one place, from each app's own grouped figures: self-assessment
coverage, inspections done and planned, screening, violations, levels and zones, outreach
coverage of villages, and citizens' reports. Every figure is one or two grouped queries over
indexed unit paths, whatever the number of units below."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from enforcement.queries import published_violations
from enforcement.reports import build as violations_report
from inspections.coverage import coverage as inspection_coverage
from inspections.models import ScreeningCampaign
from inspections.periods import Period, recent_period
from inspections.screening import Tally as ScreeningTally
from inspections.screening import progress as screening_progress
from lib.queries import one_or_404
from outreach.reports import WINDOWS, reach_by_child
from portal.models import OPEN_STATUSES, Report
from portal.queries import escalated_to_unit, tally
from safety.dashboard import by_child as safety_by_child
from safety.dashboard import state_labels
from territory.models import AdminUnit, Level, Scheme
from zones.measures import zones_over, zones_within
from zones.public import level_counts

from .models import COUNTRY_CODE, Country, IssuedReport

PERIOD_DAYS = 30


def sees_country(user: AnyUser, scheme: str) -> bool:
    """A national administrator: a superuser, or someone whose jurisdiction holds every province."""
    if user.is_authenticated and user.is_superuser:
        return True
    paths = set(jurisdiction.unit_paths(user))
    provinces = AdminUnit.objects.filter(scheme=scheme, level=Level.PROVINCE).values_list("path", flat=True)
    return len(paths) > 1 and set(provinces) <= paths


def situation_unit(user: AnyUser, code: str | None, scheme: str | None) -> AdminUnit:
    """The unit asked for (?unit=CODE&scheme=, or unit=VN for the whole country) or, with no code,
    the user's widest: the country for a national administrator; 403 outside the jurisdiction."""
    code = (code or "").strip()
    home = jurisdiction.home_unit(user)
    scheme = scheme or (home.scheme if home else Scheme.LEGACY)
    wants_country = code.upper() == COUNTRY_CODE or (
        not code and (home is None or len(jurisdiction.scope_units(user)) > 1)
    )
    if wants_country and user.is_authenticated and sees_country(user, scheme):
        return Country.of(scheme)
    if code.upper() == COUNTRY_CODE:
        raise PermissionDenied(_("Only a national administrator sees the whole country."))
    return jurisdiction.unit_or_home(user, code, scheme)


def breadcrumb(user: AnyUser, unit: AdminUnit) -> list[AdminUnit]:
    """The units above this one the user may open, the country first for a national administrator."""
    above = jurisdiction.visible_ancestors(user, unit)
    if not isinstance(unit, Country) and sees_country(user, unit.scheme):
        above.insert(0, Country.of(unit.scheme))
    return above


@dataclass
class Bar:
    """One segment of a bar chart: a label that reads without its colour, a count, a colour."""

    key: str
    label: str
    value: int
    colour: str
    x: float = 0.0
    width: float = 0.0


def bars(segments: list[Bar], width: float = 300.0) -> list[Bar]:
    total = sum(s.value for s in segments)
    x = 0.0
    for segment in segments:
        segment.x = round(x, 1)
        segment.width = round(width * segment.value / total, 1) if total else 0.0
        x += segment.width
    return segments


@dataclass
class ChildRow:
    unit: AdminUnit
    places: int = 0
    safe_share: float | None = None
    overdue: int = 0
    inspections_done: int = 0
    inspections_planned: int = 0
    villages: int = 0
    reached: dict[int, int] = field(default_factory=dict)


@dataclass
class Situation:
    unit: AdminUnit
    period: Period
    now: datetime
    safety: dict[str, Any]
    inspections: dict[str, int]
    screening: dict[str, Any]
    violations: dict[str, int]
    levels: list[dict[str, Any]]
    zones: int
    outreach: dict[str, Any]
    reports: dict[str, int]
    children: list[ChildRow]


def _screening(unit: AdminUnit, today: date) -> dict[str, Any]:
    """Campaigns running today over the unit or inside it, summed."""
    campaigns = ScreeningCampaign.objects.filter(period_start__lte=today, period_end__gte=today)
    inside = campaigns.filter(unit_path__under=unit.path)
    above = campaigns.filter(unit_path__in=[a.path for a in unit.ancestors()])
    total = ScreeningTally()
    count = 0
    for campaign in [*inside, *above]:
        count += 1
        found = screening_progress(campaign, today)
        area = next((a for a in found.areas if a.unit.pk == unit.pk), None) if campaign.unit_id != unit.pk else None
        total.add(area.tally if area is not None else found.total.tally)
    return {
        "campaigns": count,
        "households": total.households,
        "visited": total.visited,
        "screened": total.screened,
        "referred": total.referred,
        "coverage": total.coverage,
    }


def situation(user: AnyUser, unit: AdminUnit, now: datetime | None = None) -> Situation:
    """The unit's situation as its officer sees it: the last 30 days' inspections and violations,
    everything else as of now."""
    jurisdiction.require(
        sees_country(user, unit.scheme) if isinstance(unit, Country) else jurisdiction.can_see_unit(user, unit)
    )
    return figures(unit, now)


def figures(unit: AdminUnit, now: datetime | None = None, period: Period | None = None) -> Situation:
    """The figures of everything under the unit, for a caller that has checked the unit is in
    its jurisdiction (or for the system). With a `period`, inspections, violations and citizens'
    reports are those of the period and villages are reached up to its end; places, levels and
    zones are always as of `now`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reports = Report.objects.filter(unit_path__under=unit.path)
    if period is None:
        period = recent_period(PERIOD_DAYS, today)
    else:
        reports = reports.filter(received_at__date__gte=period.start, received_at__date__lte=period.end)
    places = safety_by_child(unit, now)
    labels = {row["code"]: row for row in state_labels()}
    safety = {
        "total": places.total.total,
        "by_state": bars(
            [Bar(state, labels[state]["label"], count, labels[state]["colour"]) for state, count in places.total.cells]
        ),
        "overdue": places.total.overdue,
        "never": places.total.never,
        "safe_share": places.total.safe_share,
    }
    checked = inspection_coverage(unit, period, today, with_places=False)
    decided = violations_report(unit, period)
    outreach = reach_by_child(unit, min(period.end, today))
    report_counts = tally(reports, now)
    report_counts["escalated"] = (
        reports.filter(escalated_to__level=Level.PROVINCE, status__in=OPEN_STATUSES).count()
        if isinstance(unit, Country)
        else escalated_to_unit(unit, reports).count()
    )
    child_level = Level.COMMUNE if unit.level in (Level.PROVINCE, Level.DISTRICT, "") else ""
    children = {child.pk: ChildRow(child) for child, _tally in places.by_child}
    for child, counted in places.by_child:
        row = children[child.pk]
        row.places, row.safe_share, row.overdue = counted.total, counted.safe_share, counted.overdue
    for row_in in checked.rows:
        if row_in.unit is not None and row_in.unit.pk in children:
            children[row_in.unit.pk].inspections_done = row_in.done
            children[row_in.unit.pk].inspections_planned = row_in.planned
    for reach in outreach.by_child.values():
        if reach.unit.pk in children:
            children[reach.unit.pk].villages = reach.villages
            children[reach.unit.pk].reached = {days: reach.share(days) for days in WINDOWS}
    return Situation(
        unit=unit,
        period=period,
        now=now,
        safety=safety,
        inspections={
            "done": checked.total.done,
            "planned": checked.total.planned,
            "overdue": checked.total.overdue,
        },
        screening=_screening(unit, today),
        violations={
            "decided": decided.total.count,
            "fines": decided.total.fines,
            "published": published_violations().filter(unit_path__under=unit.path).count(),
        },
        levels=level_counts(unit.scheme, child_level, unit) if child_level else [],
        zones=len(zones_over(unit, now)) + len(zones_within(unit, now)),
        outreach={
            "villages": outreach.total.villages,
            "never": outreach.total.never,
            "windows": [
                {"days": days, "reached": outreach.total.within[days], "share": outreach.total.share(days)}
                for days in WINDOWS
            ],
        },
        reports=report_counts,
        children=list(children.values()),
    )


def as_json(found: Situation) -> dict[str, Any]:
    """The same figures as the page, for GET /api/v1/dashboard."""
    return {
        "unit": {"code": found.unit.code, "scheme": found.unit.scheme, "name": found.unit.name},
        "period": {"start": found.period.start, "end": found.period.end},
        "places": {
            "total": found.safety["total"],
            "by_state": {bar.key: bar.value for bar in found.safety["by_state"]},
            "overdue": found.safety["overdue"],
            "never_assessed": found.safety["never"],
        },
        "inspections": found.inspections,
        "screening": found.screening,
        "violations": found.violations,
        "levels": [
            {"level": row["level__code"], "name": row["level__name"], "units": row["count"]} for row in found.levels
        ],
        "zones_in_force": found.zones,
        "outreach": found.outreach,
        "reports": found.reports,
        "children": [
            {
                "unit": {"code": row.unit.code, "name": row.unit.name},
                "places": row.places,
                "safe_share": row.safe_share,
                "overdue": row.overdue,
                "inspections_done": row.inspections_done,
                "inspections_planned": row.inspections_planned,
                "villages": row.villages,
                "reached": {str(days): share for days, share in row.reached.items()},
            }
            for row in found.children
        ],
    }


def visible_issued_reports(user: AnyUser) -> QuerySet[IssuedReport]:
    return jurisdiction.filter_by_unit(user, IssuedReport.objects.all(), path_field="unit_path")


def issued_reports_of(user: AnyUser, unit: AdminUnit) -> QuerySet[IssuedReport]:
    """The unit's own issued reports, the latest period first (none for the country, which issues none)."""
    if unit.pk is None:
        return IssuedReport.objects.none()
    return visible_issued_reports(user).filter(unit=unit).select_related("issued_by").order_by("-period_end", "-pk")


def get_issued_report(user: AnyUser, pk: int) -> IssuedReport:
    """An issued report of the user's jurisdiction; 404 for any other (its number says nothing)."""
    return one_or_404(
        visible_issued_reports(user).select_related("unit"), _("No issued report has this number."), pk=pk
    )
