"""Recomputing every commune's level from the case counts, and rolling up to districts and
provinces — a province at a time, in a few set-based queries and bulk writes.

Each province is done in one transaction holding its ProvinceLevels row. On PostgreSQL a run
skips provinces another run holds (SKIP LOCKED), so several runs share the country; on
SQLite the second writer waits. A province already done for the same day by a run that
started later is skipped, and a repeated run changes nothing: the history only records
changes.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from lib import publiccache
from territory.models import AdminUnit, Level

from .loader import ensure_zones_data
from .models import CaseCount, ChangeSource, LevelChange, LevelFramework, ProvinceLevels, RiskLevel, UnitLevel
from .rules import Figures, children_level, commune_level, framework_problems

ROLLED_UP = (Level.DISTRICT, Level.PROVINCE)  # bottom-up, after the communes
COMPUTED_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


class NoFramework(Exception):
    pass


@dataclass
class ProvinceOutcome:
    province: str
    # "done", "locked" (another run holds it), "already done", "older" (as_of before the last run),
    # "framework invalid" (its rules name a level that no longer exists)
    status: str
    units: int = 0
    changed: int = 0
    ms: int = 0


@dataclass
class RunReport:
    as_of: date
    outcomes: list[ProvinceOutcome] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(o.changed for o in self.outcomes)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def __str__(self) -> str:
        return (
            f"Levels as of {self.as_of:%d/%m/%Y}: {self.count('done')} provinces recomputed "
            f"({sum(o.units for o in self.outcomes)} units, {self.changed} changed); "
            f"{self.count('locked') + self.count('already done')} left to another run; "
            f"{self.count('older')} skipped (already computed for a later day); "
            f"{self.count('framework invalid')} skipped (framework rules to fix)."
        )


def default_framework() -> LevelFramework:
    ensure_zones_data()
    framework = LevelFramework.objects.filter(is_default=True).order_by("position").first()
    framework = framework or LevelFramework.objects.order_by("position").first()
    if framework is None:
        raise NoFramework("No risk-level framework is loaded.")
    return framework


def framework_of(state: ProvinceLevels | None) -> LevelFramework:
    if state is not None and state.framework_id is not None:
        assert state.framework is not None
        return state.framework
    return default_framework()


def province_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.PROVINCE:
        return unit
    code = unit.path.strip("/").split("/")[1]
    return AdminUnit.objects.get(scheme=unit.scheme, code=code)


def state_for(province: AdminUnit) -> ProvinceLevels:
    """The province's row, created when missing (two runs creating it at once is fine)."""
    state = ProvinceLevels.objects.filter(province=province).first()
    if state is None:
        try:
            with transaction.atomic():
                state = ProvinceLevels.objects.create(province=province)
        except IntegrityError:
            state = ProvinceLevels.objects.get(province=province)
    return state


def recompute(
    as_of: date | None = None,
    *,
    scheme: str | None = None,
    provinces: list[str] | None = None,
) -> RunReport:
    """Recompute the levels of every province of the scheme (or the given ones) as of a day."""
    as_of = as_of or timezone.localdate()
    scheme = scheme or settings.DEFAULT_SCHEME
    started = timezone.now()
    fallback = default_framework()  # read once for the provinces that have not chosen
    query = AdminUnit.objects.filter(scheme=scheme, level=Level.PROVINCE).order_by("code")
    if provinces:
        query = query.filter(code__in=provinces)
    report = RunReport(as_of)
    for province in query:
        report.outcomes.append(recompute_province(province, as_of, started=started, fallback=fallback))
    return report


def recompute_province(
    province: AdminUnit,
    as_of: date,
    *,
    started: datetime | None = None,
    fallback: LevelFramework | None = None,
) -> ProvinceOutcome:
    state = state_for(province)
    with transaction.atomic():
        skip_locked = connection.features.has_select_for_update_skip_locked
        locked = (
            ProvinceLevels.objects.select_for_update(skip_locked=skip_locked, of=("self",))
            .select_related("province", "framework")
            .filter(pk=state.pk)
            .first()
        )
        if locked is None:
            return ProvinceOutcome(province.code, "locked")
        if locked.last_as_of is not None and as_of < locked.last_as_of:
            return ProvinceOutcome(province.code, "older")
        if started and locked.last_as_of == as_of and locked.last_run_at and locked.last_run_at >= started:
            return ProvinceOutcome(province.code, "already done")
        return compute_locked(locked, as_of, fallback)


def compute_locked(state: ProvinceLevels, as_of: date, fallback: LevelFramework | None = None) -> ProvinceOutcome:
    """Recompute a province whose row the caller holds locked, inside its transaction."""
    began = time.perf_counter()
    province = state.province
    framework = state.framework if state.framework_id is not None and state.framework else None
    framework = framework or fallback or default_framework()
    levels = list(framework.levels.order_by("rank"))
    by_code = {level.code: level for level in levels}
    ranks = {level.code: level.rank for level in levels}
    if not levels or framework_problems(framework.window_days, framework.commune_rules, framework.rollup, list(ranks)):
        # An edit left the rules naming a level that is gone: keep yesterday's levels, say so.
        return ProvinceOutcome(province.code, "framework invalid")
    units = list(
        AdminUnit.objects.filter(path__under=province.path, level__in=COMPUTED_LEVELS).values_list(
            "id", "parent_id", "level", "population", "path"
        )
    )
    figures = _commune_figures(province, framework, as_of, units)
    current = {row.unit_id: row for row in UnitLevel.objects.filter(unit_path__under=province.path)}
    valid_ids = {level.pk for level in levels}

    def overridden(unit_id: int) -> RiskLevel | None:
        row = current.get(unit_id)
        if row is None or row.override_level_id is None or row.override_level_id not in valid_ids:
            return None
        return next(level for level in levels if level.pk == row.override_level_id)

    results: dict[int, tuple[RiskLevel, RiskLevel, dict[str, Any]]] = {}  # unit id → computed, in force, figures
    children: dict[int, list[int]] = defaultdict(list)
    for unit_id, parent_id, _level, _population, _path in units:
        if parent_id is not None:
            children[parent_id].append(unit_id)
    for unit_id, _parent, level, _population, _path in units:
        if level == Level.COMMUNE:
            computed = by_code[commune_level(framework.commune_rules, figures[unit_id], ranks)]
            results[unit_id] = (computed, overridden(unit_id) or computed, figures[unit_id].as_dict())
    for rolled in ROLLED_UP:
        for unit_id, _parent, level, _population, _path in units:
            if level != rolled:
                continue
            below = [results[child] for child in children[unit_id] if child in results]
            totals = sum((figures_of(r[2]) for r in below), Figures(window_days=framework.window_days))
            if framework.rollup.get("mode") == "own_figures":
                code = commune_level(framework.commune_rules, totals, ranks)
            else:
                code = children_level(framework.rollup.get("rules", []), [r[1].rank for r in below], ranks)
            tally: dict[str, int] = defaultdict(int)
            for r in below:
                tally[r[1].code] += 1
            computed = by_code[code]
            results[unit_id] = (computed, overridden(unit_id) or computed, {**totals.as_dict(), "children": tally})
    changed = _write(framework, as_of, {u[0]: u[4] for u in units}, results, current)
    state.last_as_of = as_of
    state.last_run_at = timezone.now()
    state.last_duration_ms = int((time.perf_counter() - began) * 1000)
    state.save(update_fields=["last_as_of", "last_run_at", "last_duration_ms"])
    return ProvinceOutcome(province.code, "done", len(results), changed, state.last_duration_ms)


def figures_of(data: dict[str, Any]) -> Figures:
    return Figures(
        data.get("cases", 0),
        data.get("untraced_cases", 0),
        data.get("linked_cases", 0),
        data.get("population"),
        data.get("window_days", 14),
    )


def _village_population(unit: AdminUnit) -> dict[int, int]:
    """The people of the villages of each commune under the unit, by the commune's id, where
    the population of at least one of its villages is known."""
    return {
        row["parent_id"]: row["total"]
        for row in AdminUnit.objects.filter(path__under=unit.path, level=Level.VILLAGE)
        .values("parent_id")
        .annotate(total=Sum("population"), known=Count("population"))
        .filter(known__gt=0)
    }


def current_figures(unit: AdminUnit, as_of: date | None = None) -> Figures:
    """The figures behind a unit's level: its cases over its framework's window up to the day
    levels were last computed for, and the population of its communes (where known)."""
    state = ProvinceLevels.objects.filter(province=province_of(unit)).select_related("framework").first()
    framework = framework_of(state)
    as_of = as_of or (state.last_as_of if state and state.last_as_of else timezone.localdate())
    first, last = window(framework, as_of)
    sums = CaseCount.objects.filter(unit_path__under=unit.path, date__gte=first, date__lte=last).aggregate(
        cases=Sum("cases"), untraced=Sum("untraced_cases"), linked=Sum("linked_cases")
    )
    communes = AdminUnit.objects.filter(path__under=unit.path, level=Level.COMMUNE).values_list("id", "population")
    villages = _village_population(unit)
    known = [p if p is not None else villages.get(pk) for pk, p in communes]
    people = [p for p in known if p is not None]
    return Figures(
        sums["cases"] or 0,
        sums["untraced"] or 0,
        sums["linked"] or 0,
        sum(people) if people else None,
        framework.window_days,
    )


def window(framework: LevelFramework, as_of: date) -> tuple[date, date]:
    """The first and last day counted for a level as of a day."""
    return as_of - timedelta(days=framework.window_days - 1), as_of


def _commune_figures(
    province: AdminUnit, framework: LevelFramework, as_of: date, units: list[tuple[Any, ...]]
) -> dict[int, Figures]:
    first, last = window(framework, as_of)
    sums = {
        row["commune_id"]: dict(row)
        for row in CaseCount.objects.filter(province=province, date__gte=first, date__lte=last)
        .values("commune_id")
        .annotate(cases=Sum("cases"), untraced=Sum("untraced_cases"), linked=Sum("linked_cases"))
    }
    village_population = _village_population(province)
    figures: dict[int, Figures] = {}
    for unit_id, _parent, level, population, _path in units:
        if level != Level.COMMUNE:
            continue
        row: dict[str, Any] = sums.get(unit_id, {})
        figures[unit_id] = Figures(
            row.get("cases") or 0,
            row.get("untraced") or 0,
            row.get("linked") or 0,
            population if population is not None else village_population.get(unit_id),
            framework.window_days,
        )
    return figures


def _write(
    framework: LevelFramework,
    as_of: date,
    paths: dict[int, str],
    results: dict[int, tuple[RiskLevel, RiskLevel, dict[str, Any]]],
    current: dict[int, UnitLevel],
) -> int:
    new_rows: list[UnitLevel] = []
    updated: list[UnitLevel] = []
    history: list[LevelChange] = []
    for unit_id, (computed, in_force, metrics) in results.items():
        row = current.get(unit_id)
        if row is None:
            new_rows.append(
                UnitLevel(
                    unit_id=unit_id,
                    unit_path=paths[unit_id],
                    framework=framework,
                    computed_level=computed,
                    level=in_force,
                    since=as_of,
                )
            )
        else:
            # Only changes are written: a day on which no level moves costs a few reads.
            if (row.computed_level_id, row.level_id, row.framework_id) == (computed.pk, in_force.pk, framework.pk):
                continue
            if row.level_id != in_force.pk:
                row.since = as_of
            if row.override_level_id is not None and row.override_level_id != in_force.pk:
                row.override_level = None  # an override from another framework no longer applies
                row.override_reason = ""
            row.framework, row.computed_level, row.level = framework, computed, in_force
            updated.append(row)
        history.append(
            LevelChange(
                unit_id=unit_id,
                framework=framework,
                date=as_of,
                level=in_force,
                computed_level=computed,
                source=ChangeSource.COMPUTED,
                metrics=metrics,
            )
        )
    UnitLevel.objects.bulk_create(new_rows, batch_size=2000)
    UnitLevel.objects.bulk_update(
        updated,
        ["framework", "computed_level", "level", "since", "override_level", "override_reason"],
        batch_size=1000,
    )
    LevelChange.objects.bulk_create(history, batch_size=2000)
    if history or new_rows or updated:
        publiccache.bump("zones")
    return len(history)
