"""Synthetic inspections and violations across Đắk Nông — the worst case of one province holding
them all — and the reads users would notice: inspection coverage of the province and of a
district, the inspections list, the public list of violations (API, page, feed) and the report.

`run(sizes, repeat)` grows the data to each size in turn (violations; twice as many
inspections) and times each read in-process with django.test.Client (median of `repeat`).
Rows are written with COPY on PostgreSQL and executemany on SQLite. Bench rows are marked
(team "bench", decision numbers "BENCH/…", place codes "BI…"); a database holding other
inspections, violations or places is refused.
"""

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.actions import issue_api_token
from accounts.models import Role, RoleAssignment, User
from enforcement.models import Violation, ViolationType
from enforcement.types import load_violation_types
from inspections.checklists import load_unit_checklists
from inspections.models import Inspection
from safety.models import Establishment, EstablishmentType
from safety.types import load_establishment_types
from territory.loader import demo_child
from territory.models import AdminUnit, Level, Scheme

from .rows import analyze, defer_constraints, insert_rows, reset_sequences
from .timing import NotAScratchDatabase, timed
from .units import legacy_province

PROVINCE, DISTRICT = "67", "663"
TEAM = "bench"
PLACE_PREFIX = "BI"
DECISION_PREFIX = "BENCH/"
PLACES = 20_000
VILLAGES_PER_COMMUNE = 8
DAYS = 365
FIRST_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Y", "H'", "Đỗ Thị"]
LAST_NAMES = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Minh", "Nga", "Sơn", "Thảo", "Bhin"]


def prepare() -> AdminUnit:
    """Units, villages, types, checklists and the bench places; refuses a database with real data."""
    if (
        Inspection.objects.exclude(team=TEAM).exists()
        or Violation.objects.exclude(decision_number__startswith=DECISION_PREFIX).exists()
        or Establishment.objects.exclude(public_code__startswith=PLACE_PREFIX).exists()
    ):
        raise NotAScratchDatabase("This database holds real inspections, violations or places; use a scratch one.")
    province = legacy_province(PROVINCE)
    _villages(province)
    load_establishment_types()
    load_unit_checklists()
    load_violation_types()
    _places(province)
    return province


@transaction.atomic
def _villages(province: AdminUnit) -> None:
    communes = AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE)
    if AdminUnit.objects.filter(path__under=province.path, level=Level.VILLAGE).exists():
        return
    new = []
    for commune in communes:
        for n in range(1, VILLAGES_PER_COMMUNE + 1):
            village = demo_child(commune, f"{commune.code}-{n:03d}", Level.VILLAGE, "Thôn", f"Thôn {n}")
            new.append(village)
    AdminUnit.objects.bulk_create(new, batch_size=1000)


@transaction.atomic
def _places(province: AdminUnit) -> None:
    have = Establishment.objects.filter(public_code__startswith=PLACE_PREFIX).count()
    if have >= PLACES:
        return
    units = list(
        AdminUnit.objects.filter(path__under=province.path, level__in=[Level.COMMUNE, Level.VILLAGE]).values_list(
            "id", "path", "latitude", "longitude"
        )
    )
    types = list(EstablishmentType.objects.values_list("id", flat=True))
    now = timezone.now()
    places = []
    for n in range(have, PLACES):
        unit_id, path, lat, lon = units[n % len(units)]
        places.append(
            Establishment(
                name=f"Cơ sở thử nghiệm {n}",
                type_id=types[n % len(types)],
                unit_id=unit_id,
                unit_path=path,
                latitude=lat or 12.5,
                longitude=lon or 107.7,
                public_code=f"{PLACE_PREFIX}{n:06X}",
                search_name=f"co so thu nghiem {n}",
                created_at=now,
            )
        )
    Establishment.objects.bulk_create(places, batch_size=2000)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


@transaction.atomic
def grow(province: AdminUnit, violations: int, seed: int = 2021) -> None:
    """Add bench inspections (twice `violations`) and violations up to the size asked for."""
    today = timezone.localdate()
    rng = random.Random(seed + violations)
    units = list(AdminUnit.objects.filter(path__under=province.path).values_list("id", "path", "level", "parent_id"))
    by_id = {row[0]: row for row in units}
    below = [row for row in units if row[2] != Level.PROVINCE]
    places = list(
        Establishment.objects.filter(public_code__startswith=PLACE_PREFIX).values_list("id", "unit_path", "unit_id")
    )
    district_of = {row[1]: row for row in units if row[2] == Level.DISTRICT}
    defer_constraints()
    _grow_inspections(rng, 2 * violations, today, province, by_id, below, places, district_of)
    _grow_violations(rng, violations, today, below, places)
    reset_sequences(Inspection, Violation)
    analyze()


def _grow_inspections(
    rng: random.Random,
    target: int,
    today: date,
    province: AdminUnit,
    by_id: dict[int, tuple[Any, ...]],
    below: list[tuple[Any, ...]],
    places: list[tuple[Any, ...]],
    district_of: dict[str, tuple[Any, ...]],
) -> None:
    have = Inspection.objects.filter(team=TEAM).count()
    now = timezone.now()
    rows = []
    for _n in range(have, target):
        day = today - timedelta(days=rng.randrange(DAYS))
        if rng.random() < 0.1:
            unit_id, path, level, parent_id = rng.choice(below)
            parent = by_id[parent_id]
            rows.append(inspection_row(rng, day, now, (parent[0], parent[1]), ("unit", unit_id, None, path, level)))
        else:
            place_id, place_path, _unit_id = rng.choice(places)
            district = district_of["/".join(place_path.split("/")[:3]) + "/"]
            target_place = ("place", None, place_id, place_path, "place")
            rows.append(inspection_row(rng, day, now, (district[0], district[1]), target_place))
    insert_rows(Inspection, INSPECTION_COLUMNS, rows)


INSPECTION_COLUMNS = [
    "unit_id", "unit_path", "target_kind", "target_unit_id", "target_place_id", "target_path", "target_level",
    "period_start", "period_end", "team", "status", "inspected_on", "inspectors", "answers", "item_points",
    "result_label", "verified_state", "failed_items", "self_state", "gap_flagged", "findings", "outcome",
    "fix_by", "follow_up", "follow_up_closed_on", "created_at", "is_demo",
]  # fmt: skip


def inspection_row(
    rng: random.Random,
    day: date,
    now: datetime,
    by: tuple[int, str],
    target: tuple[str, int | None, int | None, str, str],
    team: str = TEAM,
) -> tuple[Any, ...]:
    """One synthetic inspection in INSPECTION_COLUMNS' order: by the unit `by` (id, path), of the
    `target` (kind, unit id, place id, path, level), around `day`; most done, some planned."""
    kind, target_unit, target_place, target_path, target_level = target
    roll = rng.random()
    status = "done" if roll < 0.85 else ("planned" if roll < 0.95 else "cancelled")
    outcome, inspected_on, fix_by, closed = "", None, None, None
    if status == "done":
        inspected_on = day
        pick = rng.random()
        outcome = "compliant" if pick < 0.7 else ("needs_fixes" if pick < 0.9 else "violation")
        if outcome == "needs_fixes":
            fix_by = day + timedelta(days=7)
            closed = fix_by if rng.random() < 0.6 else None
    return (
        by[0], by[1], kind, target_unit, target_place, target_path, target_level,
        day - timedelta(days=3), day + timedelta(days=3), team, status, inspected_on, "", "{}", "{}",
        "", "", "[]", "", False, "", outcome, fix_by, "", closed, now, False,
    )  # fmt: skip


def _grow_violations(
    rng: random.Random, target: int, today: date, below: list[tuple[Any, ...]], places: list[tuple[Any, ...]]
) -> None:
    have = Violation.objects.filter(decision_number__startswith=DECISION_PREFIX).count()
    types = list(ViolationType.objects.values_list("id", "fine_min", "fine_max"))
    communes = [row for row in below if row[2] in (Level.COMMUNE, Level.VILLAGE)]
    now = timezone.now()
    rows = []
    for n in range(have, target):
        type_id, low, high = rng.choice(types)
        occurred = today - timedelta(days=rng.randrange(DAYS))
        decided = min(occurred + timedelta(days=rng.randrange(10)), today)
        roll = rng.random()
        status = "published" if roll < 0.8 else "decided" if roll < 0.9 else "draft" if roll < 0.95 else "withdrawn"
        official = rng.random() < 0.05
        if rng.random() < 0.2:
            place_id, unit_path, unit_id = rng.choice(places)
            kind, establishment, name = "place", place_id, f"Cơ sở thử nghiệm {place_id}"
        else:
            unit_id, unit_path, _level, _parent = rng.choice(communes)
            kind, establishment, name = "person", None, _name(rng)
        is_decided = status != "draft"
        rows.append(
            (
                kind, establishment, name, official and kind == "person",
                "Phó Chủ tịch UBND xã" if official and kind == "person" else "",
                "UBND xã" if official and kind == "person" else "",
                type_id, "Không thực hiện biện pháp phòng, chống dịch theo quy định", unit_id, unit_path, occurred,
                f"{DECISION_PREFIX}{n}" if is_decided else f"{DECISION_PREFIX}draft-{n}",
                decided if is_decided else None, "Chủ tịch UBND xã" if is_decided else "",
                rng.randrange(low or 500_000, high + 1, 500_000) if is_decided else None, "", status,
                "Nhầm đối tượng" if status == "withdrawn" else "",
                now if is_decided else None, now if status in ("published", "withdrawn") else None,
                now if status == "withdrawn" else None, now, False,
            )
        )  # fmt: skip
    columns = [
        "offender_kind", "establishment_id", "offender_name", "is_official", "position", "agency", "type_id", "act",
        "unit_id", "unit_path", "occurred_on", "decision_number", "decision_date", "decision_authority",
        "fine_amount", "fine_reason", "status", "withdrawal_reason", "decided_at", "published_at", "withdrawn_at",
        "created_at", "is_demo",
    ]  # fmt: skip
    insert_rows(Violation, columns, rows)


def _officer(username: str, unit: AdminUnit) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, password=None)
        RoleAssignment.objects.create(user=user, role=Role.OFFICER, unit=unit)
    return user


def _host() -> str:
    """A host name the settings allow, so the reads are not refused as from a foreign host."""
    allowed = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "") and not host.startswith(".")]
    return allowed[0] if allowed else "localhost"


def measure(province: AdminUnit, repeat: int) -> dict[str, float]:
    district = AdminUnit.objects.get(scheme=Scheme.LEGACY, code=DISTRICT)
    officer = _officer("bench-province", province)
    browser = Client(SERVER_NAME=_host())
    browser.force_login(officer)
    headers = {"Authorization": f"Bearer {issue_api_token(officer)}"}
    public = Client(SERVER_NAME=_host())
    today = timezone.localdate()
    month, quarter, year = f"{today:%Y-%m}", f"{today.year}-Q{(today.month - 1) // 3 + 1}", str(today.year)
    last_year = f"{today - timedelta(days=364)}..{today}"
    reads: dict[str, Callable[[], Any]] = {
        "coverage page, province, last 30 days": lambda: browser.get("/inspections/coverage/", {"unit": province.code}),
        "coverage page, district, this quarter": lambda: browser.get(
            "/inspections/coverage/", {"unit": district.code, "period": quarter}
        ),
        "coverage API, province, last 365 days": lambda: browser.get(
            "/api/v1/inspections/coverage", {"unit": province.code, "period": last_year}, headers=headers
        ),
        "inspections API, district, this month": lambda: browser.get(
            "/api/v1/inspections", {"unit": district.code, "period": month}, headers=headers
        ),
        "public violations API, first page": lambda: public.get("/api/v1/public/violations"),
        "public violations API, district+type+year": lambda: public.get(
            "/api/v1/public/violations", {"unit": district.code, "type": "khong-deo-khau-trang", "period": year}
        ),
        "public violations page, page 20": lambda: public.get("/violations/", {"page": "20"}),
        "public violations RSS feed": lambda: public.get("/violations/feed.rss"),
        "report API, province, last 365 days": lambda: browser.get(
            "/api/v1/reports/enforcement", {"unit": province.code, "period": last_year}, headers=headers
        ),
    }
    results: dict[str, float] = {}
    for name, call in reads.items():
        ms, response = timed(call, repeat)
        if response.status_code != 200:
            raise RuntimeError(f"{name}: HTTP {response.status_code} {response.content[:300]!r}")
        results[name] = round(ms, 1)
    return results


def run(sizes: Sequence[int], repeat: int = 5) -> dict[str, float]:
    """Time every read at each size (violations; inspections are twice as many). Keys are
    "<read> @ <violations>"; values are medians in milliseconds."""
    province = prepare()
    results: dict[str, float] = {}
    for size in sorted(sizes):
        grow(province, size)
        for name, ms in measure(province, repeat).items():
            results[f"{name} @ {size}"] = ms
    return results


def counts() -> dict[str, int]:
    return {
        "inspections": Inspection.objects.count(),
        "violations": Violation.objects.count(),
        "places": Establishment.objects.count(),
    }
