"""Readiness and elections at national scale: 10,600 communes (the legacy tree, topped up with
synthetic communes) × 5 scenarios × 30 kinds of resource, and an election with 100,000 polling
areas. Timed: recomputing every gap of the country; reading a province's gap table, its short
communes and map, as a page and through the API; a province's live board of the election.

Rows are written with COPY on PostgreSQL and executemany on SQLite. Synthetic kinds, scenarios,
communes and places start with "bm"/"BM"; the benchmark refuses a database holding figures
declared by people or a real event.
"""

import random
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.models import User
from bench.rows import insert_and_vacuum, insert_rows, next_id, reset_sequences, vacuum_analyze
from bench.safety import PLACE_COLUMNS, place_row
from bench.timing import NotAScratchDatabase, check, timed
from bench.units import top_up_communes
from events.loader import load_checklists
from events.models import DayStatus, Event, EventKind, PlanStatus, Site
from events.queries import board
from lib.text import fold
from readiness.gaps import recompute
from readiness.loader import load_readiness
from readiness.models import Group, MeasureUnit, Need, ResourceKind, Scenario, Stock, UnitGap
from readiness.queries import (
    map_points,
    map_points_next,
    next_steps,
    roll_up,
    roll_up_next,
    short_communes,
    short_communes_next,
)
from safety.models import Establishment, EstablishmentType
from safety.types import load_establishment_types
from territory.loader import load_units
from territory.models import AdminUnit, Level, Scheme
from zones.models import CaseCount

PREFIX = "BM"
COMMUNES = 10_600
KINDS = 30
SCENARIOS = 5
SITES = 100_000
EVENT_NAME = f"{PREFIX} Bầu cử thử nghiệm"


def prepare(load_country: bool = True) -> None:
    if Stock.objects.filter(updated_by__isnull=False).exists() or Event.objects.exclude(name=EVENT_NAME).exists():
        raise NotAScratchDatabase("This database holds declared resources or real events; use a scratch database.")
    load_readiness()
    load_checklists()
    load_establishment_types()
    if load_country and AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count() < COMMUNES:
        load_units(Scheme.LEGACY)
    top_up_communes(PREFIX, COMMUNES)
    _top_up_kinds_and_scenarios()


@transaction.atomic
def _top_up_kinds_and_scenarios() -> None:
    measure = MeasureUnit.objects.order_by("code").first()
    assert measure is not None
    groups = list(Group.values)
    for n in range(ResourceKind.objects.count(), KINDS):
        ResourceKind.objects.create(
            code=f"bm-kind-{n:02d}", name=f"Loại thử nghiệm {n}", group=groups[n % 4], measure=measure, position=n
        )
    last = Scenario.objects.order_by("-position").first()
    assert last is not None
    for n in range(Scenario.objects.count(), SCENARIOS):
        Scenario.objects.create(
            code=f"bm-{n}",
            name=f"Kịch bản thử nghiệm {n}",
            min_cases=last.planning_cases,
            planning_cases=last.planning_cases * 2,
            position=n,
        )
    for scenario in Scenario.objects.all():
        for kind in ResourceKind.objects.filter(code__startswith="bm-kind-"):
            for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
                Need.objects.get_or_create(
                    scenario=scenario, kind=kind, level=level, defaults={"per_case": Decimal("0.5"), "minimum": 2}
                )


def build_stocks(seed: int = 2021) -> int:
    """Every kind declared by every commune and district, most enough for small scenarios."""
    units = list(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level__in=[Level.COMMUNE, Level.DISTRICT]).values_list(
            "id", flat=True
        )
    )
    kinds = list(ResourceKind.objects.values_list("id", "tracks_use"))
    if Stock.objects.count() >= len(units) * len(kinds):
        return 0
    Stock.objects.all().delete()
    rng = random.Random(seed)
    today = timezone.localdate()

    def rows() -> Iterable[tuple[Any, ...]]:
        for unit_id in units:
            plenty = rng.random() < 0.8
            for kind_id, tracks in kinds:
                quantity = rng.randint(20, 400) if plenty else rng.randint(0, 15)
                in_use = rng.randint(0, quantity) if tracks else None
                yield (unit_id, kind_id, quantity, in_use, today - timedelta(days=rng.randint(0, 13)))

    return insert_and_vacuum(Stock, ["unit_id", "kind_id", "quantity", "in_use", "updated_on"], rows())


def build_cases(province: AdminUnit, seed: int = 2021) -> int:
    """A fortnight of confirmed cases in a third of the province's communes (none in the rest), so
    that its communes fall in every scenario; the next-scenario reads start from them."""
    if CaseCount.objects.filter(province=province).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    rows = []
    for commune in AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE).order_by("path"):
        if rng.random() > 1 / 3:
            continue
        daily = rng.choice((1, 3, 8, 20))
        for back in range(14):
            rows.append(
                CaseCount(
                    unit=commune,
                    commune=commune,
                    province=province,
                    date=today - timedelta(days=back),
                    cases=rng.randint(0, daily),
                )
            )
    CaseCount.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def build_event(size: int, seed: int = 2021) -> Event:
    """An election with `size` polling areas spread over every commune of the country, each at
    its own polling station, in every state of the day."""
    province = biggest_province()
    event = Event.objects.filter(name=EVENT_NAME).first()
    if event is None:
        day = date(2021, 5, 23)
        event = Event.objects.create(
            name=EVENT_NAME, kind=EventKind.ELECTION, unit=province, starts_on=day, ends_on=day
        )
    have = Site.objects.filter(event=event).count()
    if have >= size:
        return event
    rng = random.Random(seed + have)
    communes = list(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list(
            "id", "path", "latitude", "longitude"
        )
    )
    polling = EstablishmentType.objects.get(code="polling_station")
    now = timezone.now()
    first_place = next_id(Establishment)
    places, sites = [], []
    statuses = [s for s in DayStatus.values]
    for offset, n in enumerate(range(have, size)):
        unit_id, path, lat, lon = communes[n % len(communes)]
        place_id = first_place + offset
        name = f"Điểm bỏ phiếu thử nghiệm {n}"
        places.append(
            (
                *place_row(
                    place_id,
                    name,
                    polling.pk,
                    "",
                    (unit_id, path),
                    (float(lat or 12), float(lon or 107)),
                    f"{PREFIX}E{n:07X}",
                    fold(name),
                    "not_assessed",
                ),
                now,
            )
        )
        status = statuses[n % len(statuses)]
        reported = None if status == DayStatus.NOT_REPORTED else now - timedelta(minutes=rng.randint(0, 300))
        sites.append(
            (
                event.pk,
                place_id,
                unit_id,
                path,
                f"Khu vực bỏ phiếu số {n}",
                PlanStatus.APPROVED,
                status,
                rng.randint(0, 900) if reported else 0,
                0,
                reported,
                "",
                "",
            )
        )
    with transaction.atomic():
        insert_rows(
            Establishment,
            [*PLACE_COLUMNS, "created_at"],
            places,
        )
        insert_rows(
            Site,
            [
                "event_id",
                "place_id",
                "unit_id",
                "path",
                "name",
                "plan_status",
                "status",
                "present",
                "mobile_served",
                "reported_at",
                "decision",
                "decision_note",
            ],
            sites,
        )
    reset_sequences(Establishment)
    vacuum_analyze()
    return event


def biggest_province() -> AdminUnit:
    """The legacy province with the most communes: the widest read a province does."""
    counts: dict[str, int] = {}
    for path in AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list("path", flat=True):
        top = "/".join(path.split("/")[:2]) + "/"
        counts[top] = counts.get(top, 0) + 1
    return AdminUnit.objects.get(path=max(counts, key=lambda p: counts[p]))


def _superuser() -> User:
    user = User.objects.filter(username="bm-admin").first()
    if user is None:
        user = User.objects.create_user(username="bm-admin", password=None, is_superuser=True, is_staff=True)
    return user


def measure_recompute() -> dict[str, float]:
    UnitGap.objects.all()._raw_delete(UnitGap.objects.db)  # type: ignore[attr-defined]
    started = time.perf_counter()
    written = recompute()
    first = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    recompute()
    again = (time.perf_counter() - started) * 1000
    if not written:
        raise RuntimeError("recompute wrote nothing")
    return {"recompute every gap of the country, rows created": first, "recompute again, rows updated": again}


def measure_reads(repeat: int) -> dict[str, float]:
    province = biggest_province()
    scenario = Scenario.objects.order_by("position")[1]
    client = Client(HTTP_HOST="localhost")
    client.force_login(_superuser())
    results: dict[str, float] = {}

    def table() -> Any:
        return roll_up(province, scenario), short_communes(province, scenario), map_points(province, scenario)

    ms, _found = timed(table, repeat)
    results["gap table, short communes and map of a province (queries)"] = ms
    ms, response = timed(lambda: client.get("/readiness/", {"unit": province.code, "scenario": scenario.code}), repeat)
    check(response, "readiness page")
    results["readiness page of a province"] = ms
    ms, response = timed(
        lambda: client.get("/api/v1/readiness/gaps", {"unit": province.code, "scenario": scenario.code}), repeat
    )
    check(response, "gaps API")
    results["GET /api/v1/readiness/gaps for a province"] = ms
    build_cases(province)

    def next_table() -> Any:
        steps = next_steps(province)
        return roll_up_next(province, steps), short_communes_next(province, steps), map_points_next(province, steps)

    ms, _found = timed(next_table, repeat)
    results["next-scenario gap table, short communes and map of a province (queries)"] = ms
    ms, response = timed(lambda: client.get("/readiness/", {"unit": province.code}), repeat)
    check(response, "readiness page, next scenario")
    results["readiness page of a province, next scenario (the default)"] = ms
    ms, response = timed(
        lambda: client.get("/api/v1/readiness/gaps", {"unit": province.code, "scenario": "next"}), repeat
    )
    check(response, "gaps API, next scenario")
    results["GET /api/v1/readiness/gaps?scenario=next for a province"] = ms
    return results


def measure_board(event: Event, size: int, repeat: int) -> dict[str, float]:
    province = event.unit
    client = Client(HTTP_HOST="localhost")
    user = _superuser()
    client.force_login(user)
    results: dict[str, float] = {}
    ms, _board = timed(lambda: board(user, event, province), repeat)
    results[f"live board of a province (query) @ {size}"] = ms
    ms, response = timed(lambda: client.get(f"/events/{event.pk}/board/"), repeat)
    check(response, "board page")
    results[f"live board page of a province @ {size}"] = ms
    return results


def run(sizes: Sequence[int], repeat: int = 5, load_country: bool = True) -> dict[str, float]:
    prepare(load_country)
    build_stocks()
    results = measure_recompute()
    results.update(measure_reads(repeat))
    for size in sorted(sizes):
        event = build_event(size)
        results.update(measure_board(event, size, repeat))
    return results


def counts() -> dict[str, int]:
    return {
        "communes": AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count(),
        "kinds": ResourceKind.objects.count(),
        "scenarios": Scenario.objects.count(),
        "stocks": Stock.objects.count(),
        "unit gaps": UnitGap.objects.count(),
        "sites": Site.objects.count(),
        "sites of the biggest province": Site.objects.filter(path__startswith=biggest_province().path).count(),
    }
