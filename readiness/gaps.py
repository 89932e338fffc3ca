"""The gap of a unit for a scenario: for every kind, needed − available − pledged (never below
0), with the worst kind's cover. One pass over plain dictionaries, so that every commune of the
country recomputes in seconds."""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db.models import Sum

from territory.models import AdminUnit

from .models import Need, Pledge, ResourceKind, Scenario, Stock, UnitGap

BATCH = 2000

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


def holdings(unit_ids: list[int]) -> Holdings:
    codes = dict(ResourceKind.objects.values_list("pk", "code"))
    available: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, kind_id, quantity, in_use in Stock.objects.filter(unit_id__in=unit_ids).values_list(
        "unit_id", "kind_id", "quantity", "in_use"
    ):
        # Beds and places already occupied cannot take the next case.
        available[unit_id][codes[kind_id]] = quantity - (in_use or 0)
    pledged: dict[int, dict[str, int]] = defaultdict(dict)
    rows = Pledge.objects.filter(unit_id__in=unit_ids).values("unit_id", "kind_id").annotate(total=Sum("quantity"))
    for row in rows:
        pledged[row["unit_id"]][codes[row["kind_id"]]] = row["total"]
    return Holdings(available, pledged)


def unit_gap(unit_id: int, path: str, level: str, scenario_id: int, needs: dict[str, int], held: Holdings) -> UnitGap:
    available = held.available.get(unit_id, {})
    pledged = held.pledged.get(unit_id, {})
    lines: dict[str, list[int]] = {}
    kinds_short = total = 0
    worst_cover, worst_kind = 100, ""
    for code, need in needs.items():
        have, lent = available.get(code, 0), pledged.get(code, 0)
        short = max(need - have - lent, 0)
        lines[code] = [need, have, lent, short]
        if short:
            kinds_short += 1
            total += short
            cover = (have + lent) * 100 // need
            if cover < worst_cover or not worst_kind:
                worst_cover, worst_kind = cover, code
    return UnitGap(
        unit_id=unit_id,
        scenario_id=scenario_id,
        path=path,
        level=level,
        kinds_short=kinds_short,
        shortfall=total,
        worst_cover=worst_cover,
        worst_kind=worst_kind,
        lines=lines,
    )


def _chunks(items: Iterable[tuple[int, str, str]], size: int) -> Iterator[list[tuple[int, str, str]]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def recompute(units: Iterable[AdminUnit] | None = None) -> int:
    """Recompute and store the gaps of the given units (every unit when None) for every scenario."""
    scenarios = list(Scenario.objects.all())
    if not scenarios:
        return 0
    table = need_table(scenarios)
    if units is None:
        rows: Iterable[tuple[int, str, str]] = (
            AdminUnit.objects.order_by("pk").values_list("pk", "path", "level").iterator(chunk_size=BATCH)
        )
    else:
        rows = [(u.pk, u.path, u.level) for u in units]
    written = 0
    for chunk in _chunks(rows, BATCH):
        held = holdings([pk for pk, _path, _level in chunk])
        gaps = [
            unit_gap(pk, path, level, scenario.pk, table[scenario.pk][level], held)
            for pk, path, level in chunk
            for scenario in scenarios
        ]
        UnitGap.objects.bulk_create(
            gaps,
            update_conflicts=True,
            unique_fields=["scenario", "unit"],
            update_fields=["path", "level", "kinds_short", "shortfall", "worst_cover", "worst_kind", "lines"],
        )
        written += len(gaps)
    return written
