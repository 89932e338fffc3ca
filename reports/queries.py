"""The situation of a unit in one place, from each app's own grouped figures: self-assessment
coverage, inspections done and planned, screening, violations, levels and zones, outreach
coverage of villages, and citizens' reports. Every figure is one or two grouped queries over
indexed unit paths, whatever the number of units below."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from enforcement.queries import published_violations
from enforcement.reports import build as violations_report
from inspections.coverage import coverage as inspection_coverage
from inspections.models import ScreeningCampaign
from inspections.periods import Period, recent_period
from inspections.screening import Tally as ScreeningTally
from inspections.screening import progress as screening_progress
from outreach.reports import WINDOWS
from outreach.reports import coverage as outreach_coverage
from portal.queries import escalated_to, tally, visible_reports
from safety.dashboard import by_child as safety_by_child
from safety.dashboard import state_labels
from territory.models import AdminUnit, Level
from zones.measures import zones_over, zones_within
from zones.public import level_counts

PERIOD_DAYS = 30


def situation_unit(user: AnyUser, code: str | None, scheme: str | None) -> AdminUnit:
    """The unit asked for (?unit=CODE&scheme=) or the user's widest; 403 outside the jurisdiction."""
    return jurisdiction.unit_or_home(user, code, scheme)


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
    now = now or timezone.now()
    today = timezone.localdate(now)
    period = recent_period(PERIOD_DAYS, today)
    places = safety_by_child(user, unit, now)
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
    outreach = outreach_coverage(unit, today)
    reports = visible_reports(user).filter(unit_path__under=unit.path)
    figures = tally(reports, now)
    figures["escalated"] = escalated_to(user, reports).count()
    child_level = Level.COMMUNE if unit.level in (Level.PROVINCE, Level.DISTRICT) else ""
    children = {child.pk: ChildRow(child) for child, _tally in places.by_child}
    for child, counted in places.by_child:
        row = children[child.pk]
        row.places, row.safe_share, row.overdue = counted.total, counted.safe_share, counted.overdue
    for row_in in checked.rows:
        if row_in.unit is not None and row_in.unit.pk in children:
            children[row_in.unit.pk].inspections_done = row_in.done
            children[row_in.unit.pk].inspections_planned = row_in.planned
    for reach in outreach.rows:
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
        reports=figures,
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
                "overdue": row.overdue,
                "inspections_done": row.inspections_done,
                "inspections_planned": row.inspections_planned,
                "villages": row.villages,
                "reached": {str(days): share for days, share in row.reached.items()},
            }
            for row in found.children
        ],
    }
