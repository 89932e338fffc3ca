"""The gap of a unit for a scenario: for every kind, needed − available − pledged (never below
0), with the worst kind's cover. One pass over plain dictionaries, so that every commune of the
country recomputes in seconds.

What a unit has is what it declared, unless a readiness inspection counted it since: the
verified figure of the last inspection within VERIFIED_FOR_DAYS replaces the declared one until
the unit declares that kind again."""

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from territory.models import AdminUnit

from .models import Need, Pledge, ResourceKind, Scenario, Stock, UnitGap, Verification, VerifiedLine

BATCH = 5000
VERIFIED_FOR_DAYS = 90

# scenario id → unit level → kind code → quantity needed
NeedTable = dict[int, dict[str, dict[str, int]]]


def needed(need: Need, scenario: Scenario) -> int:
    ratio = need.per_case * scenario.planning_cases + need.per_contact * scenario.planning_contacts
    return max(math.ceil(ratio), need.minimum)


def need_table(scenarios: list[Scenario]) -> NeedTable:
    """A row for a level replaces the row for all levels of the same scenario and kind."""
    table: NeedTable = {}
    by_id = {s.pk: s for s in scenarios}
    generic: dict[int, dict[str, int]] = defaultdict(dict)
    specific: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = Need.objects.filter(scenario__in=scenarios, kind__is_active=True).select_related("kind")
    for need in rows:
        value = needed(need, by_id[need.scenario_id])
        if need.level:
            specific[need.scenario_id][need.level][need.kind.code] = value
        else:
            generic[need.scenario_id][need.kind.code] = value
    for scenario in scenarios:
        table[scenario.pk] = {}
        for level in ("province", "district", "commune", "village"):
            table[scenario.pk][level] = {**generic[scenario.pk], **specific[scenario.pk][level]}
    return table


@dataclass
class Holdings:
    available: dict[int, dict[str, int]]
    pledged: dict[int, dict[str, int]]
    # unit id → kind code → the day an inspection verified the figure counted as available
    verified_on: dict[int, dict[str, date]] = field(default_factory=dict)


def verified_figures(unit_ids: list[int], today: date | None = None) -> dict[tuple[int, int], tuple[int, date]]:
    """(unit id, kind id) → (quantity verified, day) of the latest readiness inspection of the
    last VERIFIED_FOR_DAYS days."""
    since = (today or timezone.localdate()) - timedelta(days=VERIFIED_FOR_DAYS)
    # Few units are inspected in a season: ask for the lines of those only (none, most batches).
    inspected = set(Verification.objects.filter(inspected_on__gte=since).values_list("unit_id", flat=True))
    wanted = inspected.intersection(unit_ids)
    if not wanted:
        return {}
    rows = (
        VerifiedLine.objects.filter(verification__unit_id__in=wanted, verification__inspected_on__gte=since)
        .order_by("verification__inspected_on", "verification_id")
        .values_list("verification__unit_id", "kind_id", "verified", "verification__inspected_on")
    )
    return {(unit_id, kind_id): (verified, day) for unit_id, kind_id, verified, day in rows}


def holdings(unit_ids: list[int], today: date | None = None) -> Holdings:
    codes = dict(ResourceKind.objects.values_list("pk", "code"))
    verified = verified_figures(unit_ids, today)
    available: dict[int, dict[str, int]] = defaultdict(dict)
    verified_on: dict[int, dict[str, date]] = defaultdict(dict)
    for unit_id, kind_id, quantity, in_use, updated_on in Stock.objects.filter(unit_id__in=unit_ids).values_list(
        "unit_id", "kind_id", "quantity", "in_use", "updated_on"
    ):
        # Beds and places already occupied cannot take the next case.
        available[unit_id][codes[kind_id]] = quantity - (in_use or 0)
        counted = verified.get((unit_id, kind_id)) if verified else None
        if counted is not None and updated_on <= counted[1]:
            available[unit_id][codes[kind_id]] = max(counted[0] - (in_use or 0), 0)
            verified_on[unit_id][codes[kind_id]] = counted[1]
    pledged: dict[int, dict[str, int]] = defaultdict(dict)
    rows = Pledge.objects.filter(unit_id__in=unit_ids).values("unit_id", "kind_id").annotate(total=Sum("quantity"))
    for row in rows:
        pledged[row["unit_id"]][codes[row["kind_id"]]] = row["total"]
    return Holdings(available, pledged, verified_on)


# unit id, scenario id, path, level, kinds short, shortfall, worst cover, worst kind, lines as JSON
Row = tuple[int, int, str, str, int, int, int, str, str]
COLUMNS = ["unit_id", "scenario_id", "path", "level", "kinds_short", "shortfall", "worst_cover", "worst_kind", "lines"]


def unit_gap(unit_id: int, path: str, level: str, scenario_id: int, needs: dict[str, int], held: Holdings) -> Row:
    available = held.available.get(unit_id, {})
    pledged = held.pledged.get(unit_id, {})
    verified_on = held.verified_on.get(unit_id, {})
    lines: dict[str, list[int | str]] = {}
    kinds_short = total = 0
    worst_cover, worst_kind = 100, ""
    for code, need in needs.items():
        have, lent = available.get(code, 0), pledged.get(code, 0)
        short = need - have - lent
        if short > 0:
            kinds_short += 1
            total += short
            cover = (have + lent) * 100 // need
            if cover < worst_cover or not worst_kind:
                worst_cover, worst_kind = cover, code
        else:
            short = 0
        lines[code] = [need, have, lent, short]
        if code in verified_on:
            lines[code].append(verified_on[code].isoformat())
    return (
        unit_id,
        scenario_id,
        path,
        level,
        kinds_short,
        total,
        worst_cover,
        worst_kind,
        json.dumps(lines, separators=(",", ":")),
    )


def _rows(units: list[tuple[int, str, str]], scenarios: list[Scenario], table: NeedTable) -> list[Row]:
    held = holdings([pk for pk, _path, _level in units])
    return [
        unit_gap(pk, path, level, scenario.pk, table[scenario.pk][level], held)
        for pk, path, level in units
        for scenario in scenarios
    ]


def _copy(rows: Iterable[Row]) -> None:
    """Insert rows the fastest way the database has: COPY on PostgreSQL, executemany elsewhere."""
    table = UnitGap._meta.db_table
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(  # type: ignore[attr-defined]
                f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("%s" for _ in COLUMNS)
    with connection.cursor() as cursor:
        sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608 — constant names
        cursor.executemany(sql, list(rows))


def recompute(units: Iterable[AdminUnit] | None = None) -> int:
    """Recompute and store the gaps of the given units (every unit when None) for every scenario.
    Every unit at once replaces the whole table in one transaction (readers see the old rows
    until it commits); a few units are updated in place."""
    scenarios = list(Scenario.objects.all())
    if not scenarios:
        return 0
    table = need_table(scenarios)
    if units is not None:
        rows = _rows([(u.pk, u.path, u.level) for u in units], scenarios, table)
        UnitGap.objects.bulk_create(
            [UnitGap(**dict(zip(COLUMNS[:-1], row[:-1], strict=True)), lines=json.loads(row[-1])) for row in rows],
            update_conflicts=True,
            unique_fields=["scenario", "unit"],
            update_fields=["path", "level", "kinds_short", "shortfall", "worst_cover", "worst_kind", "lines"],
        )
        return len(rows)
    written = 0
    with transaction.atomic():
        # One statement: no row is fetched back to send delete signals for derived figures.
        UnitGap.objects.all()._raw_delete(UnitGap.objects.db)  # type: ignore[attr-defined]
        everything = list(AdminUnit.objects.order_by("pk").values_list("pk", "path", "level"))
        for start in range(0, len(everything), BATCH):
            rows = _rows(everything[start : start + BATCH], scenarios, table)
            _copy(rows)
            written += len(rows)
    return written
