"""Load administrative units from the `vietnamadminunits` package (MIT), idempotently.

The package ships an SQLite file with both schemes and a JSON file with the old→new mapping;
both are read directly so that loading needs no network and no geocoding.
"""

import functools
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from lib.text import fold

from .models import AdminUnit, Level, Scheme, UnitSuccession

UPDATABLE = ["level", "type_name", "name", "short_name", "parent", "path", "search_name", "latitude", "longitude"]


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    successions: int = 0
    codes: list[str] = field(default_factory=list)


@dataclass
class _Row:
    code: str
    level: str
    type_name: str
    name: str
    short_name: str
    parent_code: str | None
    latitude: float | None
    longitude: float | None


def _package_data() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The vietnamadminunits package is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.lru_cache(maxsize=32)
def _query(sql: str, params: tuple[str, ...] = ()) -> tuple[sqlite3.Row, ...]:
    """The package's data never changes while a process runs: read each query once."""
    with sqlite3.connect(_package_data() / "dataset.db") as conn:
        conn.row_factory = sqlite3.Row
        return tuple(conn.execute(sql, params).fetchall())


def _type_of(full_name: str, short_name: str) -> str:
    return (
        full_name[: len(full_name) - len(short_name)].strip()
        if full_name.endswith(short_name)
        else full_name.split(" ")[0]
    )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


def province_codes(scheme: str) -> list[str]:
    table = "admin_units_legacy" if scheme == Scheme.LEGACY else "admin_units"
    sql = f"SELECT DISTINCT provinceCode FROM {table} ORDER BY provinceCode"  # noqa: S608 — fixed table name
    return [row[0] for row in _query(sql)]


def _rows(scheme: str, provinces: list[str] | None) -> list[_Row]:
    table = "admin_units_legacy" if scheme == Scheme.LEGACY else "admin_units"
    where, params = "", tuple[str, ...]()
    if provinces:
        where = f" WHERE provinceCode IN ({','.join('?' for _ in provinces)})"
        params = tuple(provinces)
    records = _query(f"SELECT * FROM {table}{where} ORDER BY provinceCode", params)  # noqa: S608 — fixed table name
    units: dict[str, _Row] = {}
    for rec in records:
        pcode = rec["provinceCode"]
        if pcode not in units:
            units[pcode] = _Row(
                pcode,
                Level.PROVINCE,
                _type_of(rec["province"], rec["provinceShort"]),
                rec["province"],
                rec["provinceShort"],
                None,
                rec["provinceLat"],
                rec["provinceLon"],
            )
        parent = pcode
        if scheme == Scheme.LEGACY:
            dcode = rec["districtCode"]
            if dcode not in units:
                units[dcode] = _Row(
                    dcode,
                    Level.DISTRICT,
                    rec["districtType"],
                    rec["district"],
                    rec["districtShort"],
                    pcode,
                    rec["districtLat"],
                    rec["districtLon"],
                )
            parent = dcode
        if rec["wardCode"]:
            units[rec["wardCode"]] = _Row(
                rec["wardCode"],
                Level.COMMUNE,
                rec["wardType"],
                rec["ward"],
                rec["wardShort"],
                parent,
                rec["wardLat"],
                rec["wardLon"],
            )
    return list(units.values())


@transaction.atomic
def load_units(scheme: str, provinces: list[str] | None = None) -> LoadResult:
    """Create or update the units of the given provinces (all when None) in one scheme."""
    if scheme not in Scheme.values:
        raise ValueError(f"Unknown scheme {scheme!r}")
    rows = _rows(scheme, provinces)
    if provinces and not rows:
        raise ValueError(f"No province with code {', '.join(provinces)} in scheme {scheme}")
    result = LoadResult(codes=[row.code for row in rows if row.level == Level.PROVINCE])
    existing = {u.code: u for u in AdminUnit.objects.filter(scheme=scheme, code__in=[r.code for r in rows])}
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        to_create: list[AdminUnit] = []
        to_update: list[AdminUnit] = []
        for row in (r for r in rows if r.level == level):
            parent = existing[row.parent_code] if row.parent_code else None
            unit = existing.get(row.code) or AdminUnit(scheme=scheme, code=row.code)
            before = [getattr(unit, name) for name in UPDATABLE]
            unit.level, unit.type_name, unit.name, unit.short_name = row.level, row.type_name, row.name, row.short_name
            unit.parent = parent
            unit.latitude, unit.longitude = _decimal(row.latitude), _decimal(row.longitude)
            unit.path = unit.build_path()
            unit.search_name = fold(unit.name)
            if unit.pk is None:
                to_create.append(unit)
            elif before != [getattr(unit, name) for name in UPDATABLE]:
                to_update.append(unit)
            else:
                result.unchanged += 1
        AdminUnit.objects.bulk_create(to_create, batch_size=1000)
        AdminUnit.objects.bulk_update(to_update, UPDATABLE, batch_size=1000)
        if to_create:
            # bulk_create does not return ids on every backend: read them back.
            fresh = AdminUnit.objects.filter(scheme=scheme, code__in=[u.code for u in to_create])
            existing.update({u.code: u for u in fresh})
        result.created += len(to_create)
        result.updated += len(to_update)
    return result


@functools.cache
def _successions_mapping() -> dict[str, Any]:
    return json.loads((_package_data() / "converter_2025.json").read_text(encoding="utf-8"))


@transaction.atomic
def load_successions() -> int:
    """Link every loaded legacy commune to the 2025 commune(s) it became part of."""
    mapping = _successions_mapping()
    old_keys = {
        f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": r["wardCode"]
        for r in _query(
            "SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy WHERE wardCode IS NOT NULL"
        )
    }
    new_keys = {
        (r["provinceKey"], r["wardKey"]): r["wardCode"]
        for r in _query("SELECT provinceKey, wardKey, wardCode FROM admin_units")
    }
    legacy = {u.code: u for u in AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE)}
    modern = {u.code: u for u in AdminUnit.objects.filter(scheme=Scheme.Y2025, level=Level.COMMUNE)}
    pairs: dict[tuple[int, int], bool] = {}

    def link(old_key: str, new_province: str, new_ward: str, is_main: bool) -> None:
        old = legacy.get(old_keys.get(old_key, ""))
        new = modern.get(new_keys.get((new_province, new_ward), ""))
        if old and new:
            assert old.pk is not None and new.pk is not None
            pairs[(old.pk, new.pk)] = pairs.get((old.pk, new.pk), False) or is_main

    for province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_list in wards.items():
            for old_key in old_list:
                link(old_key, province, new_ward, True)
    for province, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            for part in parts:
                link(old_key, province, part["newWardKey"], bool(part["isDefaultNewWard"]))
    current = {
        (s.predecessor_id, s.successor_id): s for s in UnitSuccession.objects.filter(predecessor__in=legacy.values())
    }
    UnitSuccession.objects.bulk_create(
        [
            UnitSuccession(predecessor_id=p, successor_id=s, is_main=main)
            for (p, s), main in pairs.items()
            if (p, s) not in current
        ]
    )
    changed = [current[key] for key, main in pairs.items() if key in current and current[key].is_main != main]
    for succession in changed:
        succession.is_main = pairs[(succession.predecessor_id, succession.successor_id)]
    UnitSuccession.objects.bulk_update(changed, ["is_main"])
    return len(pairs)


def demo_child(parent: AdminUnit, code: str, level: str, type_name: str, name: str, **extra: Any) -> AdminUnit:
    """An unsaved demo unit under `parent`, placed where it is, with its path set: ready for
    `bulk_create` (which skips `save`; the search name is written there too)."""
    unit = AdminUnit(
        scheme=parent.scheme,
        code=code,
        level=level,
        type_name=type_name,
        name=name,
        short_name=extra.pop("short_name", name),
        parent=parent,
        latitude=parent.latitude,
        longitude=parent.longitude,
        is_demo=True,
        **extra,
    )
    unit.path = unit.build_path()
    return unit
