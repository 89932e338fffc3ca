"""What the public sees, shared by the pages and the API: levels for the map, a unit's timeline,
zones in force and what applies at a unit."""

import datetime as dt
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.colours import readable
from territory.models import AdminUnit, Level, Scheme
from territory.queries import get_unit

from .measures import WhatApplies, zone_items
from .models import DistancingZone, LevelChange, LevelFramework, ProvinceLevels, RiskLevel, UnitLevel, ZoneUnit
from .rules import colour_problem

MAP_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def parse_scheme(value: str | None) -> str:
    value = (value or "").strip() or settings.DEFAULT_SCHEME
    if value not in Scheme.values:
        raise ValidationError({"scheme": _("The scheme is legacy or 2025.")})
    return value


def parse_map_level(value: str | None) -> str:
    value = (value or "").strip() or Level.COMMUNE
    if value not in MAP_LEVELS:
        raise ValidationError({"level": _("Levels are shown for provinces, districts or communes.")})
    return value


def framework_dict(framework: LevelFramework) -> dict[str, Any]:
    return {
        "code": framework.code,
        "name": framework.name,
        "legal_basis": framework.legal_basis,
        "status": framework.status,
        "status_note": framework.status_note,
        "window_days": framework.window_days,
        "levels": [
            {
                "code": level.code,
                "rank": level.rank,
                "name": level.name,
                "colour": level.colour,
                "text_colour": level.text_colour,
            }
            for level in framework.levels.order_by("rank")
        ],
    }


def level_rows(scheme: str, level: str, parent: AdminUnit | None = None) -> QuerySet[UnitLevel]:
    rows = UnitLevel.objects.filter(unit__scheme=scheme, unit__level=level)
    if parent is not None:
        rows = rows.filter(unit_path__under=parent.path)
    return rows


def levels_map(scheme: str, level: str, parent: AdminUnit | None = None) -> dict[str, Any]:
    """Every unit of a level (under a parent) with its level in force and colour, in one query."""
    rows = level_rows(scheme, level, parent).order_by("unit_path")
    levels = {
        level.pk: level
        for level in RiskLevel.objects.select_related("framework").filter(
            framework_id__in=rows.values("framework_id").distinct()
        )
    }
    units = []
    for code, name, parent_code, lat, lng, level_id, computed_id, override_id, since in rows.values_list(
        "unit__code",
        "unit__name",
        "unit__parent__code",
        "unit__latitude",
        "unit__longitude",
        "level_id",
        "computed_level_id",
        "override_level_id",
        "since",
    ):
        in_force = levels[level_id]
        units.append(
            {
                "code": code,
                "name": name,
                "parent": parent_code,
                "latitude": float(lat) if lat is not None else None,
                "longitude": float(lng) if lng is not None else None,
                "framework": in_force.framework.code,
                "level": in_force.code,
                "level_name": in_force.name,
                "rank": in_force.rank,
                "colour": in_force.colour,
                "text_colour": in_force.text_colour,
                "computed_level": levels[computed_id].code,
                "overridden": override_id is not None,
                "since": since,
            }
        )
    framework_codes = sorted({level.framework.code for level in levels.values()})
    states = ProvinceLevels.objects.filter(province__scheme=scheme)
    if parent is not None:
        states = states.filter(province__code=parent.path.strip("/").split("/")[1])
    as_of = states.aggregate(as_of=Max("last_as_of"))["as_of"]
    return {
        "scheme": scheme,
        "level": level,
        "parent": parent.code if parent else None,
        "as_of": as_of,
        "frameworks": [
            framework_dict(f) for f in LevelFramework.objects.filter(code__in=framework_codes).order_by("position")
        ],
        "units": units,
    }


def level_stylesheet() -> str:
    """Every risk level's colours as CSS classes (`level-<id>` for a badge, `level-line-<id>` for a
    timeline step), so pages colour levels without inline styles; a malformed colour is left out.
    A badge's text is small: its colours are made readable (lib.colours) when the data's are not."""
    rules = []
    for pk, colour, text_colour in RiskLevel.objects.order_by("pk").values_list("pk", "colour", "text_colour"):
        if not colour_problem(colour) and not colour_problem(text_colour):
            background, text = readable(colour, text_colour)
            rules.append(f".level-{pk}{{background-color:{background};color:{text}}}")
            rules.append(f".level-line-{pk}{{border-left-color:{colour}}}")
    return "\n".join(rules) + "\n"


def level_counts(scheme: str, level: str, parent: AdminUnit | None = None) -> list[dict[str, Any]]:
    """How many units are at each level, for the legend."""
    from django.db.models import Count

    return [
        dict(row)
        for row in level_rows(scheme, level, parent)
        .values("level", "level__code", "level__name", "level__colour", "level__text_colour", "level__rank")
        .annotate(count=Count("id"))
        .order_by("level__rank")
    ]


@dataclass
class Step:
    date: dt.date
    until: dt.date | None
    level: RiskLevel
    computed_level: RiskLevel
    source: str
    source_label: str
    reason: str

    @property
    def overridden(self) -> bool:
        return self.level.pk != self.computed_level.pk


def timeline(unit: AdminUnit, limit: int = 200) -> list[Step]:
    """The unit's levels over time, most recent first; each step lasts until the next one."""
    changes = list(
        LevelChange.objects.filter(unit=unit).select_related("level", "computed_level").order_by("-date", "-id")[:limit]
    )
    steps: list[Step] = []
    until: date | None = None
    for change in changes:
        steps.append(
            Step(
                change.date,
                until,
                change.level,
                change.computed_level,
                change.source,
                str(change.get_source_display()),
                change.reason,
            )
        )
        until = change.date
    return steps


def zone_dict(zone: DistancingZone, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    measure = zone.measure or zone.level
    assert measure is not None
    return {
        "id": zone.pk,
        "name": zone.name,
        "measure": {
            "kind": "measure" if zone.measure else "level",
            "code": measure.code,
            "name": measure.name,
            "strictness": zone.strictness,
            "items": zone_items(zone),
        },
        "units": [
            {"code": zu.unit.code, "name": zu.unit.name, "level": zu.unit.level, "scheme": zu.unit.scheme}
            for zu in sorted(zone.zone_units.all(), key=lambda zu: zu.unit_path)
        ],
        "decision": {
            "number": zone.decision_number,
            "date": zone.decision_date,
            "signer_name": zone.signer_name,
            "signer_title": zone.signer_title,
        },
        "starts_at": zone.starts_at,
        "planned_end": zone.planned_end,
        "ended_at": zone.ended_at,
        "status": zone.status(now).value,
        "reason": zone.reason,
        "triggering_cases": zone.triggering_cases,
        "goods_vehicles_allowed": True,
        "url": reverse("zones:zone", args=[zone.pk]),
    }


def with_units(zones: QuerySet[DistancingZone]) -> QuerySet[DistancingZone]:
    """Zones with their measure and units, in three queries however many zones."""
    return zones.select_related("measure", "level__framework").prefetch_related(
        Prefetch("zone_units", queryset=ZoneUnit.objects.select_related("unit"))
    )


def goods_notice() -> str:
    return _(
        "Goods vehicles with a valid goods permit (luồng xanh) may pass through every zone: "
        "goods and production materials keep moving."
    )


def applies_dict(applies: WhatApplies, now: datetime | None = None) -> dict[str, Any]:
    row = applies.level
    level = None
    if row is not None:
        level = {
            "unit": row.unit.code,
            "code": row.level.code,
            "name": row.level.name,
            "colour": row.level.colour,
            "framework": row.framework.code,
            "framework_status": row.framework.status,
            "computed_level": row.computed_level.code,
            "computed_level_name": row.computed_level.name,
            "overridden": row.is_overridden,
            "override_reason": row.override_reason,
            "since": row.since,
        }
    return {
        "unit": {
            "code": applies.unit.code,
            "scheme": applies.unit.scheme,
            "level": applies.unit.level,
            "name": applies.unit.name,
        },
        "level": level,
        "level_measures": applies.level_measures,
        "governing_zone": applies.governing.pk if applies.governing else None,
        "measures": applies.measures,
        "zones": [zone_dict(z, now) for z in applies.zones],
        "zones_within": [zone_dict(z, now) for z in applies.zones_within],
        "goods_vehicles_allowed": True,
        "goods_notice": goods_notice(),
    }


def public_unit(scheme: str, code: str) -> AdminUnit:
    return get_unit(code, parse_scheme(scheme))
