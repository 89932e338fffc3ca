"""Kinds, units of measure, scenarios and needs from readiness/data/readiness.json: data a
province edits (here or in the administration), loaded again without duplicating anything."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import MeasureUnit, Need, ResourceKind, Scenario

DATA = Path(__file__).resolve().parent / "data" / "readiness.json"


@transaction.atomic
def load_readiness(path: Path = DATA) -> dict[str, int]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    measures = {}
    for row in data["measures"]:
        measures[row["code"]], _ = MeasureUnit.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]}
        )
    kinds = {}
    for position, row in enumerate(data["kinds"]):
        kinds[row["code"]], _ = ResourceKind.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "group": row["group"],
                "measure": measures[row["measure"]],
                "tracks_use": row.get("tracks_use", False),
                "position": position,
            },
        )
    scenarios = []
    for position, row in enumerate(data["scenarios"]):
        scenario, _ = Scenario.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "min_cases": row["min_cases"],
                "max_cases": row["max_cases"],
                "planning_cases": row["planning_cases"],
                "contacts_per_case": row.get("contacts_per_case", 20),
                "position": position,
            },
        )
        scenarios.append(scenario)
        for need in data["needs"] + row.get("needs", []):
            # "levels" lists the unit levels a need applies to; "level" one; neither: every level.
            for level in need.get("levels", [need.get("level", "")]):
                Need.objects.update_or_create(
                    scenario=scenario,
                    kind=kinds[need["kind"]],
                    level=level,
                    defaults={
                        "per_case": Decimal(need.get("per_case", "0")),
                        "per_contact": Decimal(need.get("per_contact", "0")),
                        "minimum": need.get("minimum", 0),
                    },
                )
    return {"kinds": len(kinds), "scenarios": len(scenarios)}
