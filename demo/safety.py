"""Places of every type across the Đắk Nông demo, with assessments in every public state:
some overdue, some never assessed, a few waiting for acceptance; `owner` owns a handful."""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from lib.text import fold
from safety import scoring
from safety.actions.assessments import PastAssessment, expire_ratings, record_past_assessments
from safety.actions.criteria import load_criteria_sets
from safety.models import CriteriaSet, Establishment, EstablishmentType, Registration
from safety.types import load_establishment_types
from territory.models import AdminUnit, Level

# (type, how many per commune, name pattern); {c} is the commune's short name, {n} a number.
PER_COMMUNE: list[tuple[str, int, str]] = [
    ("market", 1, "Chợ {c}"),
    ("clinic", 1, "Trạm Y tế {c}"),
    ("clinic", 1, "Phòng khám tư nhân {c} {n}"),
    ("school", 1, "Trường Tiểu học {c}"),
    ("school", 1, "Trường THCS {c}"),
    ("office", 1, "Trụ sở UBND {c}"),
    ("religious", 1, "Nhà thờ Giáo xứ {c}"),
    ("polling_station", 2, "Điểm bỏ phiếu số {n} {c}"),
    ("restaurant", 7, "Quán ăn {c} {n}"),
    ("lodging", 3, "Nhà nghỉ {c} {n}"),
    ("supermarket", 3, "Cửa hàng tiện lợi {c} {n}"),
    ("factory", 3, "Cơ sở chế biến cà phê {c} {n}"),
    ("tourist_site", 1, "Điểm du lịch sinh thái {c}"),
]
PER_DISTRICT: list[tuple[str, int, str]] = [
    ("hospital", 1, "Trung tâm Y tế {c}"),
    ("bus_station", 1, "Bến xe {c}"),
    ("shopping_centre", 1, "Trung tâm thương mại {c}"),
    ("supermarket", 1, "Siêu thị {c}"),
]
QUALITY = [0.9] * 6 + [0.6] * 3 + [0.25] * 2  # most places do well, some badly


def _answers(definition: dict[str, Any], quality: float, rng: random.Random) -> dict[str, Any]:
    """Answers a place of the given quality (0 poor … 1 exemplary) would give."""
    risk = definition.get("direction") == "risk"
    answers: dict[str, Any] = {}
    for item in scoring.items_of(definition):
        good = rng.random() < quality
        kind = item["kind"]
        if kind == "choice":
            options = sorted(item["options"], key=lambda o: o["points"], reverse=not risk)
            answers[item["code"]] = options[0 if good else rng.randrange(len(options))]["code"]
        elif kind == "pass_fail":
            answers[item["code"]] = "pass" if good else "fail"
        elif kind == "score":
            top = int(item["max_points"])
            best, worst = (0, top) if risk else (top, 0)
            answers[item["code"]] = best if good else rng.randint(min(best, worst), max(best, worst))
        elif kind == "number":
            low = int(item.get("min", 0))
            answers[item["code"]] = low + (rng.randint(0, 40) if good else rng.randint(0, 1500))
    return answers


def _jitter(value: Decimal, rng: random.Random) -> Decimal:
    return (value + Decimal(str(round(rng.uniform(-0.02, 0.02), 6)))).quantize(Decimal("0.000001"))


def _places(province: AdminUnit, rng: random.Random) -> list[Establishment]:
    types = {t.code: t for t in EstablishmentType.objects.all()}
    places: list[Establishment] = []

    def add(unit: AdminUnit, plan: list[tuple[str, int, str]]) -> None:
        for type_code, count, pattern in plan:
            for n in range(1, count + 1):
                approximate = rng.random() < 0.1 or unit.latitude is None
                centre_lat = unit.latitude if unit.latitude is not None else province.latitude or Decimal("12.3")
                centre_lon = unit.longitude if unit.longitude is not None else province.longitude or Decimal("107.7")
                places.append(
                    Establishment(
                        name=pattern.format(c=unit.short_name, n=n),
                        type=types[type_code],
                        unit=unit,
                        address=f"Thôn {rng.randint(1, 9)}, {unit.running_name}",
                        latitude=centre_lat if approximate else _jitter(centre_lat, rng),
                        longitude=centre_lon if approximate else _jitter(centre_lon, rng),
                        location_approximate=approximate,
                        capacity=rng.choice([20, 50, 120, 300, 800]),
                        contact_name="Người phụ trách",
                        contact_phone=f"0{rng.randint(300000000, 999999999)}",
                        is_demo=True,
                    )
                )

    for district in province.children.order_by("code"):
        add(district, PER_DISTRICT)
        for commune in district.children.filter(level=Level.COMMUNE).order_by("code"):
            add(commune, PER_COMMUNE)
    for place in places:
        place.search_name = fold(f"{place.name} {place.address}")
    return places


@transaction.atomic
def load_safety_demo(province: AdminUnit, owner: User, pending_commune: AdminUnit) -> str:
    load_establishment_types()
    load_criteria_sets()
    if Establishment.objects.filter(is_demo=True).exists():
        return "Safety: demo places already loaded."
    rng = random.Random(2021)  # noqa: S311 — a reproducible demo, not a secret
    created = Establishment.objects.bulk_create(_places(province, rng), batch_size=500)
    places = list(Establishment.objects.filter(is_demo=True).select_related("type", "unit").order_by("id"))
    owned = [p for p in places if p.unit.is_within(pending_commune)][:6]
    for place in owned:
        place.owners.add(owner)
    sets = {s.code: s for s in CriteriaSet.objects.filter(is_current=True)}
    now = timezone.now()
    past: list[PastAssessment] = []
    for place in places:
        criteria_set = sets.get(place.type.criteria_set_code)
        if criteria_set is None or not criteria_set.is_usable or rng.random() < 0.12:
            continue  # never assessed: the set is not usable yet, or the place has not started
        quality = rng.choice(QUALITY)
        rounds = rng.randint(1, 4)
        latest = timedelta(days=rng.uniform(0, criteria_set.validity_days * 1.6))  # some are overdue
        for k in range(rounds):
            when = now - latest - timedelta(days=criteria_set.validity_days * (rounds - 1 - k))
            answers = _answers(criteria_set.definition, quality, rng)
            past.append(PastAssessment(place, criteria_set, answers, owner if place in owned else None, when))
    assessments = record_past_assessments(past)
    for n in range(1, 4):
        Establishment.objects.create(
            name=f"Quán cà phê mới đăng ký {n}",
            type=EstablishmentType.objects.get(code="restaurant"),
            unit=pending_commune,
            address=f"Thôn {n}, {pending_commune.running_name}",
            latitude=pending_commune.latitude or Decimal("12.45"),
            longitude=pending_commune.longitude or Decimal("107.62"),
            registration=Registration.PENDING,
            is_demo=True,
        ).owners.add(owner)
    expired = expire_ratings(now)
    return (
        f"Safety: {len(created)} places, {assessments} assessments ({expired} ratings expired), "
        f"{len(owned)} owned by {owner.username}, 3 waiting for acceptance."
    )
