"""What readiness pages, the API and other apps read, with the jurisdiction applied.

`summary_for(unit)` is the public function the situation view calls."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from inspections import queries as inspections
from inspections.models import Inspection
from territory import queries as territory
from territory.models import AdminUnit, Level
from zones import queries as cases

from . import periods
from .models import (
    CommitteeMember,
    Drill,
    Group,
    PeriodReport,
    PlanDocument,
    Pledge,
    Profile,
    ResourceKind,
    Scenario,
    Stock,
    UnitGap,
    Verification,
)


def get_unit(user: AnyUser, scheme: str, code: str) -> AdminUnit:
    """The unit, if the user may see it (404 when it does not exist, 403 outside the jurisdiction)."""
    unit = territory.get_unit(code, scheme)
    jurisdiction.require_unit(user, unit)
    return unit


def may_change(user: AnyUser, unit: AdminUnit) -> bool:
    return jurisdiction.can_change_unit(user, unit)


def scenarios() -> list[Scenario]:
    return list(Scenario.objects.all())


# The choice of the gap table and map that measures each unit against its own next scenario.
NEXT = "next"


def get_scenario(code: str | None) -> Scenario:
    found = Scenario.objects.filter(code=code).first() if code else Scenario.objects.first()
    if found is None:
        raise Http404(_("No such scenario."))
    return found


def kinds() -> list[ResourceKind]:
    return list(ResourceKind.objects.filter(is_active=True).select_related("measure"))


@dataclass
class Declaration:
    unit: AdminUnit
    profile: Profile | None
    members: list[CommitteeMember]
    plans: list[PlanDocument]
    stocks: dict[str, Stock]
    pledges: list[Pledge]
    drills: list[Drill]
    groups: list[tuple[str, list[tuple[ResourceKind, Stock | None]]]] = field(default_factory=list)

    @property
    def plan(self) -> PlanDocument | None:
        return self.plans[0] if self.plans else None


def declaration(unit: AdminUnit) -> Declaration:
    all_kinds = kinds()
    stocks = {s.kind.code: s for s in Stock.objects.filter(unit=unit).select_related("kind")}
    groups = [
        (str(label), [(k, stocks.get(k.code)) for k in all_kinds if k.group == value]) for value, label in Group.choices
    ]
    return Declaration(
        unit=unit,
        profile=Profile.objects.filter(unit=unit).first(),
        members=list(CommitteeMember.objects.filter(unit=unit)),
        plans=list(PlanDocument.objects.filter(unit=unit)),
        stocks=stocks,
        pledges=list(Pledge.objects.filter(unit=unit).select_related("by_unit", "kind__measure")),
        drills=list(Drill.objects.filter(unit=unit).select_related("scenario")[:20]),
        groups=groups,
    )


def unit_gaps(unit: AdminUnit) -> list[UnitGap]:
    return list(UnitGap.objects.filter(unit=unit).select_related("scenario").order_by("scenario__position"))


def gap_lines(gap: UnitGap) -> list[dict[str, Any]]:
    """The kinds of a unit's gap, short ones first, with their names."""
    names = {k.code: k for k in kinds()}
    rows = []
    for code, (needed, available, pledged, short, *verified) in gap.lines.items():
        kind = names.get(code)
        if kind is None:
            continue
        rows.append(
            {
                "kind": kind,
                "needed": needed,
                "available": available,
                "pledged": pledged,
                "shortfall": short,
                # the day a readiness inspection counted what is available, if it did
                "verified_on": date.fromisoformat(verified[0]) if verified else None,
            }
        )
    return sorted(rows, key=lambda r: (-(r["shortfall"] > 0), r["kind"].position))


@dataclass
class RollUp:
    """A unit's own gap and what lies under it, for one scenario."""

    unit: AdminUnit
    own: UnitGap | None
    communes: int = 0
    communes_short: int = 0
    worst_cover: int = 100
    shortfall: int = 0


def _top_path(path: str, depth: int) -> str:
    parts = path.strip("/").split("/")
    return "/".join(parts[:depth]) + "/"


GAP_FIELDS = ("path", "level", "kinds_short", "shortfall", "worst_cover", "worst_kind", "unit_id", "scenario_id")


def _roll_up(unit: AdminUnit, gaps: Iterable[UnitGap]) -> list[RollUp]:
    children = list(unit.children.order_by("code"))
    rows = {unit.path: RollUp(unit=unit, own=None)}
    for child in children:
        rows[child.path] = RollUp(unit=child, own=None)
    child_depth = len(unit.path.strip("/").split("/")) + 1
    for gap in gaps:
        if gap.path in rows:
            rows[gap.path].own = gap
        counted = [rows[unit.path]]
        if gap.path != unit.path:
            holder = rows.get(_top_path(gap.path, child_depth))
            if holder is not None:
                counted.append(holder)
        for row in counted:
            row.shortfall += gap.shortfall
            row.worst_cover = min(row.worst_cover, gap.worst_cover)
            if gap.level == Level.COMMUNE:
                row.communes += 1
                row.communes_short += gap.kinds_short > 0
    return list(rows.values())


def roll_up(unit: AdminUnit, scenario: Scenario) -> list[RollUp]:
    """The unit and each of its children with the communes under them that fall short, the worst
    cover and the total shortfall — one indexed range read of the stored gaps."""
    return _roll_up(unit, UnitGap.objects.filter(scenario=scenario, path__under=unit.path).only(*GAP_FIELDS))


def short_communes(unit: AdminUnit, scenario: Scenario, limit: int = 200) -> list[UnitGap]:
    """Communes under the unit that cannot cope with the scenario, the worst first."""
    names = {k.code: k.name for k in kinds()}
    found = list(
        UnitGap.objects.filter(scenario=scenario, path__under=unit.path, level=Level.COMMUNE, kinds_short__gt=0)
        .select_related("unit__parent")
        .defer("lines")
        .order_by("worst_cover", "-shortfall", "path")[:limit]
    )
    for gap in found:
        gap.worst_name = names.get(gap.worst_kind, gap.worst_kind)  # type: ignore[attr-defined]
    return found


def map_points(unit: AdminUnit, scenario: Scenario) -> list[list[Any]]:
    """[lat, lng, worst cover %, kinds short, name] for every commune under the unit with a place."""
    rows = UnitGap.objects.filter(
        scenario=scenario, path__under=unit.path, level=Level.COMMUNE, unit__latitude__isnull=False
    ).values_list("unit__latitude", "unit__longitude", "worst_cover", "kinds_short", "unit__name")
    return [[float(lat or 0), float(lng or 0), cover, short, name] for lat, lng, cover, short, name in rows]


# --- The next scenario of each unit, from its case counts --------------------------------------


@dataclass
class Step:
    """Where a unit stands: its recent cases, the scenario they fall in (None: no case) and the
    one it must be ready for next (the last scenario stays the last)."""

    cases: int
    current: Scenario | None
    next: Scenario


def scenario_of(cases: int, ordered: list[Scenario]) -> Scenario | None:
    """The highest scenario whose lower bound the cases reach (10 cases: "10–50", not "1–10")."""
    found = None
    for scenario in ordered:
        if cases >= scenario.min_cases and cases > 0:
            found = scenario
    return found


def step_for(cases: int, ordered: list[Scenario]) -> Step:
    current = scenario_of(cases, ordered)
    if current is None:
        return Step(cases, None, ordered[0])
    position = ordered.index(current)
    return Step(cases, current, ordered[min(position + 1, len(ordered) - 1)])


@dataclass
class NextSteps:
    """Every unit of a tree with its step, and the days its cases were counted over."""

    first: date
    last: date
    steps: dict[int, Step]


def next_steps(unit: AdminUnit) -> NextSteps:
    """Each unit under `unit` (itself included) with its cases over the risk levels' window and
    its next scenario: a commune's own cases, a village's own, a district's or province's the sum
    of its communes."""
    ordered = sorted(scenarios(), key=lambda s: (s.min_cases, s.position))
    if not ordered:
        raise Http404(_("No scenario is defined."))
    recent = cases.recent_cases(unit)
    tree = list(AdminUnit.objects.filter(path__under=unit.path).values_list("pk", "path", "level"))
    communes = [(pk, path) for pk, path, level in tree if level == Level.COMMUNE]
    totals: dict[int, int] = {}
    for pk, path, level in tree:
        if level == Level.COMMUNE:
            totals[pk] = recent.by_commune.get(pk, 0)
        elif level == Level.VILLAGE:
            totals[pk] = recent.by_village.get(pk, 0)
        else:
            totals[pk] = sum(recent.by_commune.get(c, 0) for c, c_path in communes if c_path.startswith(path))
    return NextSteps(recent.first, recent.last, {pk: step_for(n, ordered) for pk, n in totals.items()})


def _next_only(steps: NextSteps) -> Q:
    """Each unit's gap for its own next scenario: per scenario, the units measured against it."""
    by_scenario: dict[int, list[int]] = {}
    for pk, step in steps.steps.items():
        by_scenario.setdefault(step.next.pk, []).append(pk)
    wanted = Q()
    for scenario_id, unit_ids in by_scenario.items():
        wanted |= Q(scenario_id=scenario_id, unit_id__in=unit_ids)
    return wanted


def _next_gaps(unit: AdminUnit, steps: NextSteps, **filters: Any) -> list[UnitGap]:
    """The stored gap of each unit under `unit` for its own next scenario."""
    return list(UnitGap.objects.filter(_next_only(steps), path__under=unit.path, **filters).only(*GAP_FIELDS))


def roll_up_next(unit: AdminUnit, steps: NextSteps) -> list[RollUp]:
    """As `roll_up`, each unit measured against its own next scenario."""
    return _roll_up(unit, _next_gaps(unit, steps))


def short_communes_next(unit: AdminUnit, steps: NextSteps, limit: int = 200) -> list[UnitGap]:
    """Communes under the unit that cannot cope with their next scenario, the worst first."""
    names = {k.code: k.name for k in kinds()}
    found = list(
        UnitGap.objects.filter(_next_only(steps), path__under=unit.path, level=Level.COMMUNE, kinds_short__gt=0)
        .select_related("unit__parent")
        .defer("lines")
        .order_by("worst_cover", "-shortfall", "path")[:limit]
    )
    for gap in found:
        gap.worst_name = names.get(gap.worst_kind, gap.worst_kind)  # type: ignore[attr-defined]
        gap.step = steps.steps[gap.unit_id]  # type: ignore[attr-defined]
    return found


def map_points_next(unit: AdminUnit, steps: NextSteps) -> list[list[Any]]:
    """As `map_points`, each commune against its next scenario, whose name is the sixth item."""
    rows = UnitGap.objects.filter(
        _next_only(steps), path__under=unit.path, level=Level.COMMUNE, unit__latitude__isnull=False
    ).values_list("unit_id", "unit__latitude", "unit__longitude", "worst_cover", "kinds_short", "unit__name")
    return [
        [float(lat or 0), float(lng or 0), cover, short, name, steps.steps[pk].next.name]
        for pk, lat, lng, cover, short, name in rows
    ]


def summary_for(unit: AdminUnit) -> list[dict[str, Any]]:
    """For the situation view: per scenario, how many communes under the unit cannot cope."""
    result = []
    for scenario in scenarios():
        top = roll_up(unit, scenario)[0]
        result.append(
            {
                "scenario": scenario.code,
                "name": scenario.name,
                "communes": top.communes,
                "communes_short": top.communes_short,
                "worst_cover": top.worst_cover,
            }
        )
    return result


@dataclass
class Completeness:
    unit: AdminUnit
    current: PeriodReport | None
    late: bool
    reported: int
    on_time: int
    periods: int

    @property
    def completeness(self) -> int:
        return self.reported * 100 // self.periods if self.periods else 0

    @property
    def timeliness(self) -> int:
        return self.on_time * 100 // self.periods if self.periods else 0


@dataclass
class Reporting:
    period_start: date | None
    due_on: date | None
    rows: list[Completeness]

    @property
    def late(self) -> list[Completeness]:
        return [r for r in self.rows if r.late]


def reporting(unit: AdminUnit, today: date | None = None, count: int = 8) -> Reporting:
    """Completeness and timeliness of the stock updates of every reporting unit under the unit,
    over the last `count` periods; late units first."""
    today = today or timezone.localdate()
    cycle = periods.cycle_for(unit)
    if cycle is None:
        return Reporting(None, None, [])
    recent = periods.recent_periods(cycle, today, count)
    if not recent:
        return Reporting(None, None, [])
    start, due = recent[0], periods.due_on(cycle, recent[0])
    units = list(AdminUnit.objects.filter(path__under=unit.path, level__in=cycle.levels).order_by("path"))
    reports: dict[int, list[PeriodReport]] = {}
    for report in PeriodReport.objects.filter(unit__in=units, period_start__in=recent):
        reports.setdefault(report.unit_id, []).append(report)
    rows = []
    for each in units:
        mine = reports.get(each.pk, [])
        current = next((r for r in mine if r.period_start == start), None)
        rows.append(
            Completeness(
                unit=each,
                current=current,
                late=current is None and today > due,
                reported=len(mine),
                on_time=sum(r.on_time for r in mine),
                periods=len(recent),
            )
        )
    rows.sort(key=lambda r: (not r.late, r.current is not None, r.completeness, r.unit.path))
    return Reporting(start, due, rows)


# --- Readiness inspections -------------------------------------------------------------------


def inspecting_unit(user: AnyUser, unit: AdminUnit) -> AdminUnit | None:
    """The unit the user would inspect `unit`'s readiness from (the narrowest of their
    jurisdiction strictly above it), or None when they may not inspect it."""
    try:
        return inspections.inspecting_unit_for(user, unit)
    except PermissionDenied:
        return None


def declared_stocks(unit: AdminUnit) -> list[Stock]:
    """What a readiness inspection checks: every kind the unit declared, in the kinds' order."""
    return list(
        Stock.objects.filter(unit=unit, kind__is_active=True)
        .select_related("kind__measure")
        .order_by("kind__position", "kind__code")
    )


def verifications(unit: AdminUnit, limit: int = 10) -> list[Verification]:
    return list(
        Verification.objects.filter(unit=unit)
        .select_related("inspection__unit")
        .prefetch_related("lines__kind__measure")[:limit]
    )


def verification_section(user: AnyUser, inspection: Inspection) -> dict[str, Any] | None:
    """For an inspection's page (registered with inspections): the declared and verified
    figures of a readiness inspection, the lines short of the declared figure flagged."""
    verification = (
        Verification.objects.filter(inspection=inspection)
        .select_related("unit")
        .prefetch_related("lines__kind__measure")
    ).first()
    if verification is None:
        return None
    return {"verification": verification, "lines": list(verification.lines.all())}
