"""The zones demo for a province: five weeks of case counts (communes end at every level, with a
history), an officer's override, one zone in force on a village and one approved goods permit.
Everything it writes is marked as demo data; a second call changes nothing."""

import random
import secrets
from collections import Counter
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from territory.models import AdminUnit, Level

from .actions.levels import override_level
from .actions.permits import NUMBER_ALPHABET, route_text
from .computing import framework_of, recompute_province, state_for
from .loader import ensure_zones_data
from .models import (
    CaseCount,
    DistancingMeasure,
    DistancingZone,
    GoodsPermit,
    GoodsType,
    PermitStatus,
    PermitWaypoint,
    UnitLevel,
    ZoneUnit,
)

DAYS = 35
DEMO_PLATE = "48C-123.45"


def _count(unit: AdminUnit, commune: AdminUnit, province: AdminUnit, day: date, cases: int, **extra: int) -> CaseCount:
    return CaseCount(
        unit=unit,
        commune=commune,
        province=province,
        date=day,
        cases=cases,
        untraced_cases=extra.get("untraced", 0),
        linked_cases=extra.get("linked", 0),
        is_demo=True,
    )


def _first_village(commune: AdminUnit) -> AdminUnit:
    return AdminUnit.objects.filter(parent=commune, level=Level.VILLAGE).order_by("code").first() or commune


def _case_counts(province: AdminUnit, today: date) -> tuple[list[CaseCount], AdminUnit]:
    """Scenes, by commune: an untraced cluster in a village (very high), traced clusters (high),
    single traced cases (risk), an outbreak over three weeks ago (back to new normal)."""
    rng = random.Random(2021)  # noqa: S311 — the same demo every time, not a secret
    communes = list(AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE).order_by("code"))
    by_district: dict[int, list[AdminUnit]] = {}
    for commune in communes:
        by_district.setdefault(commune.parent_id or 0, []).append(commune)
    dak_mil = next((c for c in communes if c.parent and c.parent.code == "663"), communes[0])
    rows: list[CaseCount] = []
    cluster_village = _first_village(dak_mil)
    for back in range(10, 1, -1):  # an untraced cluster in one village, the last ten days
        cases = rng.randint(1, 3)
        rows.append(_count(cluster_village, dak_mil, province, today - timedelta(days=back), cases, untraced=cases - 1))
    others = [c for c in communes if c.pk != dak_mil.pk]
    rng.shuffle(others)
    high, risk, earlier, school = others[:3], others[3:9], others[9:12], others[12]
    for commune in high:
        for back in rng.sample(range(1, 13), 3):
            rows.append(_count(_first_village(commune), commune, province, today - timedelta(days=back), 1))
    for commune in risk:
        rows.append(_count(commune, commune, province, today - timedelta(days=rng.randint(1, 12)), 1))
    for commune in earlier:
        for back in range(30, 20, -3):
            rows.append(_count(commune, commune, province, today - timedelta(days=back), 2, untraced=1))
    rows.append(_count(school, school, province, today - timedelta(days=4), 1, linked=1))
    return rows, cluster_village


def _zone(village: AdminUnit, now: datetime) -> DistancingZone:
    measure = DistancingMeasure.objects.get(code="ct-16")
    commune = village.parent or village
    zone = DistancingZone.objects.create(
        name=f"{village.name}, {commune.name} — {measure.name}",
        area=village,
        measure=measure,
        strictness=measure.strictness,
        decision_number="45/QĐ-UBND",
        decision_date=(now - timedelta(days=5)).date(),
        signer_name="Lê Văn Minh (dữ liệu mẫu)",
        signer_title=f"Chủ tịch UBND {commune.running_name}",
        starts_at=now - timedelta(days=5),
        planned_end=now + timedelta(days=9),
        reason=f"Ổ dịch tại {village.name}: nhiều ca chưa rõ nguồn lây trong 10 ngày qua.",
        triggering_cases=9,
        is_demo=True,
    )
    ZoneUnit.objects.create(zone=zone, unit=village)
    return zone


def _permit(province: AdminUnit, origin: AdminUnit, today: date) -> GoodsPermit:
    destination = (
        AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE, parent__code="660")
        .order_by("code")
        .first()
        or origin
    )
    through = AdminUnit.objects.filter(path__under=province.path, level=Level.DISTRICT, code="662").first()
    waypoints = [through] if through else []
    permit = GoodsPermit.objects.create(
        number="LX-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8)),
        operator_name="Công ty TNHH Vận tải Nông sản Đắk Mil (dữ liệu mẫu)",
        operator_phone="0261000000",
        plate=DEMO_PLATE,
        vehicle_kind="Xe tải 5 tấn",
        driver_name="Nguyễn Văn Tài (dữ liệu mẫu)",
        goods_type=GoodsType.objects.get(code="nong-san"),
        goods_detail="Cà phê nhân",
        origin=origin,
        destination=destination,
        route_text=route_text(origin, waypoints, destination),
        valid_from=today - timedelta(days=3),
        valid_until=today + timedelta(days=27),
        status=PermitStatus.APPROVED,
        requested_by=User.objects.filter(username="owner").first(),
        decided_by=User.objects.filter(username="province").first(),
        decided_at=timezone.now() - timedelta(days=3),
        is_demo=True,
    )
    for position, unit in enumerate(waypoints, start=1):
        PermitWaypoint.objects.create(permit=permit, unit=unit, position=position)
    return permit


def _summary(province: AdminUnit) -> str:
    counts = CaseCount.objects.filter(province=province, is_demo=True)
    levels = Counter(
        UnitLevel.objects.filter(unit_path__under=province.path, unit__level=Level.COMMUNE).values_list(
            "level__name", flat=True
        )
    )
    zones = DistancingZone.objects.active().filter(area_path__under=province.path).count()
    permits = GoodsPermit.objects.filter(origin_path__under=province.path, is_demo=True).first()
    spread = ", ".join(f"{n} {name}" for name, n in levels.most_common())
    permit = f"permit {permits.number} ({permits.plate})" if permits else "no permit"
    return (
        f"Zones: {counts.count()} case counts over {DAYS} days in "
        f"{counts.values('commune').distinct().count()} communes; communes: {spread}; "
        f"{zones} zone in force; {permit}."
    )


def load_demo(province: AdminUnit) -> str:
    """Idempotent: when the province already has demo case counts, nothing is written."""
    ensure_zones_data()
    if CaseCount.objects.filter(province=province, is_demo=True).exists():
        return _summary(province) + " (already loaded)"
    today = timezone.localdate()
    with transaction.atomic():
        rows, village = _case_counts(province, today)
        CaseCount.objects.bulk_create(rows, batch_size=1000)
    for back in range(DAYS - 1, -1, -1):  # day by day, so each unit has a history
        recompute_province(province, today - timedelta(days=back))
    district_officer = User.objects.filter(username="district").first()
    commune = village if village.level == Level.COMMUNE else village.parent
    assert commune is not None
    neighbour = (
        AdminUnit.objects.filter(parent=commune.parent, level=Level.COMMUNE).exclude(pk=commune.pk).order_by("code")
    ).first()
    if district_officer is not None and neighbour is not None:
        override_level(
            neighbour,
            framework_of(state_for(province)).levels.get(rank=1).code,
            "Giáp ranh ổ dịch, nhiều người dân qua lại; theo dõi chặt (dữ liệu mẫu).",
            by=district_officer,
        )
    with transaction.atomic():
        if village.level == Level.VILLAGE:
            _zone(village, timezone.now())
        _permit(province, commune, today)
    return _summary(province)
