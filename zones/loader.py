"""Load frameworks, distancing measures and types of goods from zones/data/, idempotently.

A row the provincial administrator has edited in the admin is kept as it is; `refresh=True`
puts the shipped text back.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import DistancingMeasure, GoodsType, LevelFramework, RiskLevel
from .rules import colour_problem, framework_problems, text_list_problem

DATA = Path(__file__).parent / "data"
FRAMEWORK_FIELDS = ("name", "legal_basis", "status", "status_note", "window_days", "commune_rules", "rollup")
LEVEL_FIELDS = ("rank", "name", "name_en", "colour", "text_colour", "strictness", "measures")


class DataFileError(ValueError):
    """A shipped data file does not hold what the code expects."""


@dataclass
class LoadResult:
    created: int = 0
    refreshed: int = 0
    kept: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.refreshed} refreshed, {self.kept} kept"


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def check_framework_file(data: dict[str, Any], name: str) -> None:
    codes = [level["code"] for level in data["levels"]]
    problems = framework_problems(data["window_days"], data["commune_rules"], data["rollup"], codes)
    for level in data["levels"]:
        problems += [p for p in (colour_problem(level["colour"]), colour_problem(level["text_colour"])) if p]
        problems += [p for p in (text_list_problem(level["measures"]),) if p]
    if sorted(level["rank"] for level in data["levels"]) != list(range(len(codes))):
        problems.append("ranks must be 0, 1, 2… without gaps")
    if problems:
        raise DataFileError(f"{name}: " + "; ".join(problems))


def _load_framework(data: dict[str, Any], position: int, refresh: bool, result: LoadResult) -> None:
    framework = LevelFramework.objects.filter(code=data["code"]).first()
    if framework is not None and not refresh:
        result.kept += 1
        return
    if framework is None:
        framework = LevelFramework(code=data["code"], is_default=data.get("is_default", False))
        result.created += 1
    else:
        result.refreshed += 1
    for name in FRAMEWORK_FIELDS:
        setattr(framework, name, data[name])
    framework.position = position
    framework.save()
    existing = {level.code: level for level in framework.levels.all()}
    if refresh:
        # Ranks are unique: move the old ones out of the way before writing the shipped ones.
        for offset, level in enumerate(existing.values()):
            level.rank = 1000 + offset
            level.save(update_fields=["rank"])
    for entry in data["levels"]:
        level = existing.get(entry["code"]) or RiskLevel(framework=framework, code=entry["code"])
        for name in LEVEL_FIELDS:
            setattr(level, name, entry.get(name, "" if name == "name_en" else None))
        level.save()


def _load_simple(model: type, entries: list[dict[str, Any]], fields: tuple[str, ...], refresh: bool) -> LoadResult:
    result = LoadResult()
    for position, entry in enumerate(entries):
        row = model.objects.filter(code=entry["code"]).first()  # type: ignore[attr-defined]
        if row is not None and not refresh:
            result.kept += 1
            continue
        if row is None:
            row = model(code=entry["code"])
            result.created += 1
        else:
            result.refreshed += 1
        for name in fields:
            setattr(row, name, entry.get(name, ""))
        row.position = position
        row.save()
    return result


@transaction.atomic
def load_zones_data(*, refresh: bool = False) -> dict[str, LoadResult]:
    frameworks = LoadResult()
    for position, path in enumerate(sorted((DATA / "frameworks").glob("*.json"))):
        data = _read(path)
        check_framework_file(data, path.name)
        _load_framework(data, position, refresh, frameworks)
    if not LevelFramework.objects.filter(is_default=True).exists():
        first = LevelFramework.objects.order_by("position").first()
        if first is not None:
            first.is_default = True
            first.save(update_fields=["is_default"])
    measures_data = _read(DATA / "measures.json")["measures"]
    for entry in measures_data:
        problem = text_list_problem(entry["items"])
        if problem:
            raise DataFileError(f"measures.json {entry['code']}: {problem}")
    measures = _load_simple(
        DistancingMeasure, measures_data, ("name", "name_en", "legal_basis", "strictness", "items"), refresh
    )
    goods = _load_simple(GoodsType, _read(DATA / "goods_types.json")["goods_types"], ("name", "name_en"), refresh)
    return {"frameworks": frameworks, "measures": measures, "goods types": goods}


def ensure_zones_data() -> None:
    """Load the shipped data once, for pages and commands that need it before anyone ran the loader."""
    if not LevelFramework.objects.exists() or not DistancingMeasure.objects.exists() or not GoodsType.objects.exists():
        load_zones_data()
