"""Area levels at national scale: 10,600 communes (the legacy tree, topped up with synthetic
communes) with a year of daily case counts, a thousand zones in force, and goods permits. Timed:
recomputing every level and roll-up of the country (first run and the next day's), the public
map data, what applies at a unit, and verifying a permit's QR code.

Rows are written with COPY on PostgreSQL and executemany on SQLite. Synthetic communes' codes,
permits' numbers and zones' decisions start with "BM"; the benchmark refuses a database holding
case counts recorded by people or real permits.
"""

import random
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

from territory.loader import load_units
from territory.models import AdminUnit, Level, Scheme
from zones.computing import recompute
from zones.loader import load_zones_data
from zones.models import (
    CaseCount,
    DistancingMeasure,
    DistancingZone,
    GoodsPermit,
    GoodsType,
    LevelChange,
    PermitStatus,
    ProvinceLevels,
    UnitLevel,
    ZoneUnit,
)
from zones.permit_codes import sign

from .rows import insert_and_vacuum
from .timing import NotAScratchDatabase, check, timed
from .units import top_up_communes

PREFIX = "BM"
COMMUNES = 10_600
DAYS = 365
ZONES = 1_000
PROVINCE = "67"  # Đắk Nông: the province page and its communes


def prepare() -> None:
    if CaseCount.objects.filter(recorded_by__isnull=False).exists() or (
        GoodsPermit.objects.exclude(number__startswith=f"{PREFIX}-").exists()
    ):
        raise NotAScratchDatabase("This database holds real case counts or permits; use a scratch database.")
    load_zones_data()
    if AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count() < 10_000:
        load_units(Scheme.LEGACY)
    top_up_communes(PREFIX, COMMUNES)
    # Rates per 100,000 need populations: give every commune without one a plausible figure.
    if AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE, population__isnull=True).exists():
        rng = random.Random(7)
        ids = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE, population__isnull=True)
        units = list(ids.only("id"))
        for unit in units:
            unit.population = rng.randint(3_000, 25_000)
        AdminUnit.objects.bulk_update(units, ["population"], batch_size=2000)


def build_cases(today: date, seed: int = 2021) -> int:
    """A year of daily counts for every legacy commune (a row per commune and day, most of them 0)."""
    communes = list(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list("id", "path", "parent_id")
    )
    expected = len(communes) * DAYS
    if CaseCount.objects.count() >= expected:
        return 0
    CaseCount.objects.all().delete()
    provinces = {
        u.path: u.pk for u in AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.PROVINCE).only("id", "path")
    }
    rng = random.Random(seed)
    now = timezone.now()
    first = today - timedelta(days=DAYS - 1)

    def rows() -> Iterable[tuple[Any, ...]]:
        for unit_id, path, _parent in communes:
            province_id = provinces["/".join(path.split("/")[:2]) + "/"]
            risk = rng.choice((0.0, 0.0, 0.01, 0.03, 0.1, 0.3))  # how often the commune has cases
            for offset in range(DAYS):
                cases = 0
                if risk and rng.random() < risk:
                    cases = rng.choice((1, 1, 1, 2, 3, 5, 8))
                untraced = cases if cases and rng.random() < 0.1 else 0
                linked = 1 if cases and rng.random() < 0.02 else 0
                yield (
                    unit_id,
                    path,
                    unit_id,
                    province_id,
                    first + timedelta(days=offset),
                    cases,
                    untraced,
                    linked,
                    now,
                    False,
                )

    columns = [
        "unit_id",
        "unit_path",
        "commune_id",
        "province_id",
        "date",
        "cases",
        "untraced_cases",
        "linked_cases",
        "recorded_at",
        "is_demo",
    ]
    return insert_and_vacuum(CaseCount, columns, rows(), batch_size=20_000)


@transaction.atomic
def build_zones(today: date, seed: int = 2021) -> None:
    if DistancingZone.objects.filter(decision_number__startswith=PREFIX).count() >= ZONES:
        return
    rng = random.Random(seed)
    communes = list(AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).only("id", "path"))
    measures = list(DistancingMeasure.objects.all())
    now = timezone.now()
    for n, unit in enumerate(rng.sample(communes, ZONES)):
        measure = measures[n % len(measures)]
        zone = DistancingZone.objects.create(
            name=f"Vùng thử nghiệm {n}",
            area=unit,
            measure=measure,
            strictness=measure.strictness,
            decision_number=f"{PREFIX}-{n}",
            decision_date=today,
            signer_name="Thử nghiệm",
            signer_title="Thử nghiệm",
            starts_at=now - timedelta(days=rng.randint(0, 10)),
            planned_end=now + timedelta(days=rng.randint(1, 14)),
            reason="Synthetic",
        )
        ZoneUnit.objects.create(zone=zone, unit=unit)


def grow_permits(target: int, today: date, seed: int = 2021) -> int:
    have = GoodsPermit.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    communes = list(AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list("id", "path"))
    goods = list(GoodsType.objects.values_list("id", flat=True))
    now = timezone.now()

    def rows() -> Iterable[tuple[Any, ...]]:
        for n in range(have, target):
            origin_id, origin_path = communes[rng.randrange(len(communes))]
            destination_id = communes[rng.randrange(len(communes))][0]
            start = today - timedelta(days=rng.randint(0, 60))
            status = PermitStatus.REVOKED if n % 20 == 0 else PermitStatus.APPROVED
            digits = f"{n % 100_000:05d}"
            yield (
                f"{PREFIX}-{n:08d}",
                "Công ty vận tải thử nghiệm",
                "0912345678",
                f"{11 + n % 89:02d}C-{digits[:3]}.{digits[3:]}",
                "",
                "Lái xe thử nghiệm",
                "",
                goods[n % len(goods)],
                "",
                origin_id,
                destination_id,
                "Synthetic route",
                origin_path,
                start,
                start + timedelta(days=rng.randint(7, 90)),
                status,
                now,
                "",
                "",
                False,
            )

    columns = [
        "number",
        "operator_name",
        "operator_phone",
        "plate",
        "vehicle_kind",
        "driver_name",
        "driver_phone",
        "goods_type_id",
        "goods_detail",
        "origin_id",
        "destination_id",
        "route_text",
        "origin_path",
        "valid_from",
        "valid_until",
        "status",
        "requested_at",
        "decision_note",
        "revoke_reason",
        "is_demo",
    ]
    return insert_and_vacuum(GoodsPermit, columns, rows(), batch_size=20_000)


def measure_recompute(today: date) -> dict[str, float]:
    """The country's levels for yesterday (rows created), then for today (rows updated)."""
    results: dict[str, float] = {}
    for label, day in (("first run, rows created", today - timedelta(days=1)), ("next day, rows updated", today)):
        if UnitLevel.objects.exists() and label.startswith("first"):
            UnitLevel.objects.all().delete()
            LevelChange.objects.all().delete()
            ProvinceLevels.objects.update(last_as_of=None, last_run_at=None)
        started = time.perf_counter()
        report = recompute(day, scheme=Scheme.LEGACY)
        results[f"recompute every level of the country, {label}"] = (time.perf_counter() - started) * 1000
        if report.count("done") == 0:
            raise RuntimeError(f"recompute did nothing: {report}")
    return results


def measure_reads(size: int, repeat: int) -> dict[str, float]:
    client = Client(HTTP_HOST="localhost")
    results: dict[str, float] = {}
    permits = list(GoodsPermit.objects.filter(status=PermitStatus.APPROVED).order_by("?")[:50])
    codes = iter([sign(p) for p in permits] * (repeat + 2))
    ms, response = timed(lambda: client.get("/api/v1/public/permits/verify", {"code": next(codes)}), repeat)
    check(response, "verify", (200,))
    if response.json()["result"] not in {"valid", "expired", "not_yet_valid"}:
        raise RuntimeError(f"verify: {response.json()}")
    results[f"verify a permit's QR code @ {size}"] = ms
    ms, response = timed(lambda: client.get("/api/v1/public/permits/verify", {"code": "forged:code"}), repeat)
    results[f"verify a forged code @ {size}"] = ms
    for label, params in (
        ("levels map data, every commune of the country", {"level": "commune"}),
        ("levels map data, communes of a province", {"level": "commune", "parent": PROVINCE}),
        ("levels map data, every district", {"level": "district"}),
    ):
        ms, response = timed(lambda params=params: client.get("/api/v1/public/levels", params), repeat)  # type: ignore[misc]
        check(response, label, (200,))
        results[f"{label} @ {size}"] = ms
    zoned = ZoneUnit.objects.select_related("unit").first()
    assert zoned is not None
    url = f"/api/v1/public/units/{zoned.unit.scheme}/{zoned.unit.code}/measures"
    ms, response = timed(lambda: client.get(url), repeat)
    check(response, "measures", (200,))
    results[f"what applies at a commune in a zone @ {size}"] = ms
    ms, response = timed(lambda: client.get("/levels/", {"unit": PROVINCE}), repeat)
    check(response, "levels page", (200,))
    results[f"levels page of a province @ {size}"] = ms
    return results


def run(sizes: Sequence[int], repeat: int = 5) -> dict[str, float]:
    """Build the country's case counts once, time the recomputation, then for each number of
    permits time the reads. Keys are "<what> @ <permits>" (the recomputation has no size)."""
    prepare()
    today = timezone.localdate()
    build_cases(today)
    build_zones(today)
    results = measure_recompute(today)
    for size in sorted(sizes):
        grow_permits(size, today)
        results.update(measure_reads(size, repeat))
    return results


def counts() -> dict[str, int]:
    return {
        "communes": AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count(),
        "case counts": CaseCount.objects.count(),
        "units with a level": UnitLevel.objects.count(),
        "zones": DistancingZone.objects.count(),
        "permits": GoodsPermit.objects.count(),
    }
