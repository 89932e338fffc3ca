"""What applies at a unit: its level with the level's cumulative measures, and the zones in force
over it — the strictest of its own and its ancestors' zones governs."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from territory.models import AdminUnit

from .models import DistancingZone, RiskLevel, UnitLevel, ZoneUnit


def ancestor_paths(unit: AdminUnit) -> list[str]:
    """The unit's own path and each of its ancestors' ("legacy/67/", "legacy/67/663/", …)."""
    parts = unit.path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(1, len(parts))]


def cumulative_measures(level: RiskLevel) -> list[str]:
    """Measures are cumulative: a level applies its own and those of every level below it."""
    items: list[str] = []
    for lower in level.framework.levels.filter(rank__lte=level.rank).order_by("rank"):
        items.extend(lower.measures)
    return items


def zone_items(zone: DistancingZone) -> list[str]:
    if zone.measure is not None:
        return list(zone.measure.items)
    assert zone.level is not None
    return cumulative_measures(zone.level)


def _strictest_first(zones: list[DistancingZone], depth: dict[int, int]) -> list[DistancingZone]:
    # Equally strict zones: the narrower one, then the later one, is named as governing.
    return sorted(zones, key=lambda z: (z.strictness, depth.get(z.pk, 0), z.starts_at, z.pk), reverse=True)


def zones_over(unit: AdminUnit, now: datetime | None = None) -> list[DistancingZone]:
    """Zones in force on the unit itself or on a unit above it, strictest first."""
    paths = ancestor_paths(unit)
    zones = list(
        DistancingZone.objects.active(now)
        .filter(zone_units__unit_path__in=paths)
        .select_related("measure", "level__framework", "area")
        .distinct()
    )
    depth = {
        zone_id: max(len(path) for path in found)
        for zone_id, found in _paths_by_zone([z.pk for z in zones], paths).items()
    }
    return _strictest_first(zones, depth)


def _paths_by_zone(zone_ids: list[int], paths: list[str]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for zone_id, path in ZoneUnit.objects.filter(zone_id__in=zone_ids, unit_path__in=paths).values_list(
        "zone_id", "unit_path"
    ):
        found.setdefault(zone_id, []).append(path)
    return found


def zones_within(unit: AdminUnit, now: datetime | None = None) -> list[DistancingZone]:
    """Zones in force on units strictly below this one (a village of a commune…)."""
    return list(
        DistancingZone.objects.active(now)
        .filter(Q(zone_units__unit_path__under=unit.path) & ~Q(zone_units__unit_path=unit.path))
        .exclude(zone_units__unit_path__in=ancestor_paths(unit))
        .select_related("measure", "level", "area")
        .distinct()
        .order_by("-strictness", "-starts_at")
    )


@dataclass
class WhatApplies:
    unit: AdminUnit
    level: UnitLevel | None
    level_measures: list[str]
    zones: list[DistancingZone]
    zones_within: list[DistancingZone]
    governing: DistancingZone | None = None
    measures: list[str] = field(default_factory=list)


def what_applies(unit: AdminUnit, now: datetime | None = None) -> WhatApplies:
    now = now or timezone.now()
    level = (
        UnitLevel.objects.filter(unit_path__in=ancestor_paths(unit))
        .select_related("unit", "level__framework", "computed_level", "override_level", "framework")
        .order_by("-unit_path")
        .first()
    )
    level_measures = cumulative_measures(level.level) if level else []
    zones = zones_over(unit, now)
    governing = zones[0] if zones else None
    return WhatApplies(
        unit=unit,
        level=level,
        level_measures=level_measures,
        zones=zones,
        zones_within=zones_within(unit, now),
        governing=governing,
        measures=zone_items(governing) if governing else [],
    )
