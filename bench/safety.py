"""A synthetic registry of places and assessments across the real administrative tree, and
the reads a user would notice on it: the public map at three zooms, a district's overdue list
and counts by state, and submitting an assessment.

Rows are written with COPY on PostgreSQL and executemany on SQLite, so a million places and
five million assessments take minutes, not hours. Every bench place's public code starts with
"BM"; the command refuses a database holding any other place.
"""

import json
import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from accounts.actions import issue_api_token
from accounts.models import Role, RoleAssignment, User
from safety import clusters
from safety.models import Assessment, CriteriaSet, CriteriaSetStatus, Establishment, EstablishmentType
from safety.types import load_establishment_types
from territory.loader import load_units
from territory.models import AdminUnit, Level, Scheme

from .rows import analyze, defer_constraints, insert_rows, next_id, reset_sequences
from .timing import NotAScratchDatabase, check, timed

PREFIX = "BM"
SET_CODE = "bench-set"
DISTRICT = "663"  # huyện Đắk Mil: the district whose officer reads the lists
STATES = ["safe"] * 4 + ["at_risk"] * 2 + ["unsafe"] + ["not_assessed"] * 3
DEFINITION: dict[str, Any] = {
    "direction": "safety",
    "basis": "percent",
    "sections": [
        {
            "code": "A",
            "title": "Synthetic",
            "items": [
                {"code": f"i{n}", "text": f"Synthetic criterion {n}", "kind": "score", "max_points": 10}
                for n in range(1, 11)
            ],
        }
    ],
    "bands": [
        {"code": "unsafe", "label": "Không an toàn", "min": 0, "state": "unsafe"},
        {"code": "low", "label": "An toàn thấp", "min": 50, "state": "at_risk"},
        {"code": "safe", "label": "An toàn", "min": 75, "min_inclusive": False, "state": "safe"},
    ],
    "rules": [],
}
# Viewports of a 1280×800 screen centred on Hà Nội, the densest part of the tree.
CENTRE = (21.03, 105.85)
VIEWPORTS = {6: (28.0, 17.6), 10: (1.76, 1.1), 14: (0.11, 0.069)}


# The columns of a synthetic place that every benchmark writes (each adds its own after them).
PLACE_COLUMNS = [
    "id",
    "name",
    "type_id",
    "address",
    "unit_id",
    "unit_path",
    "latitude",
    "longitude",
    "location_approximate",
    "capacity",
    "contact_name",
    "contact_phone",
    "status",
    "registration",
    "public_code",
    "search_name",
    "state",
]


def place_row(
    place_id: int,
    name: str,
    type_id: int,
    address: str,
    unit: tuple[int, str],
    location: tuple[float, float],
    public_code: str,
    search_name: str,
    state: str,
) -> tuple[Any, ...]:
    """The values of PLACE_COLUMNS for a synthetic place: operating, accepted, at an exact
    location (`unit` is its id and path), with no capacity or contact."""
    unit_id, path = unit
    latitude, longitude = location
    return (
        place_id,
        name,
        type_id,
        address,
        unit_id,
        path,
        latitude,
        longitude,
        False,
        None,
        "",
        "",
        "operating",
        "accepted",
        public_code,
        search_name,
        state,
    )


def prepare(*, beside_demo: bool = False) -> tuple[CriteriaSet, AdminUnit]:
    """The synthetic criteria set every type uses, and the district whose officer reads.

    Refuses a database holding places other than bench ones — unless `beside_demo`, for a
    demo database (never a production one) that the load test fills with a whole province."""
    if settings.PRODUCTION:
        raise NotAScratchDatabase("PRODUCTION=1: benchmarks never write to a production database.")
    if not beside_demo and Establishment.objects.exclude(public_code__startswith=PREFIX).exists():
        raise NotAScratchDatabase("This database holds real places; run the benchmark on a scratch database.")
    if not beside_demo and not AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count() > 10_000:
        load_units(Scheme.LEGACY)
    load_establishment_types()
    criteria_set = CriteriaSet.objects.filter(code=SET_CODE, is_current=True).first()
    if criteria_set is None:
        criteria_set = CriteriaSet.objects.create(
            code=SET_CODE,
            title="Synthetic benchmark set",
            legal_basis="none — synthetic",
            status=CriteriaSetStatus.COMPLETE,
            definition=DEFINITION,
        )
    EstablishmentType.objects.update(criteria_set_code=SET_CODE)
    return criteria_set, AdminUnit.objects.get(scheme=Scheme.LEGACY, code=DISTRICT)


@transaction.atomic
def grow_registry(
    target: int,
    criteria_set: CriteriaSet,
    assessments_per_place: int = 5,
    seed: int = 2021,
    under: AdminUnit | None = None,
) -> int:
    """Add synthetic places (and about `assessments_per_place` assessments each) up to `target`,
    across the country's communes or only those `under` a unit (a province for the load test)."""
    have = Establishment.objects.filter(public_code__startswith=PREFIX).count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    communes_found = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE, latitude__isnull=False)
    if under is not None:
        communes_found = communes_found.filter(path__under=under.path)
    communes = list(communes_found.values_list("id", "path", "latitude", "longitude"))
    types = list(EstablishmentType.objects.values_list("id", flat=True))
    now = timezone.now()
    place_id, assessment_id = next_id(Establishment), next_id(Assessment)
    places: list[tuple[Any, ...]] = []
    assessments: list[tuple[Any, ...]] = []
    empty = json.dumps({})
    for n in range(have, target):
        unit_id, path, lat, lon = communes[n % len(communes)]
        state = STATES[n % len(STATES)]
        latitude = round(float(lat or 0) + rng.uniform(-0.03, 0.03), 6)
        longitude = round(float(lon or 0) + rng.uniform(-0.03, 0.03), 6)
        last_id = assessed_at = valid_until = None
        if state != "not_assessed":
            count = rng.randint(1, 2 * assessments_per_place * len(STATES) // 7 - 1)
            for k in range(count):
                submitted = now - timedelta(days=7 * (count - 1 - k) + rng.randint(0, 9), hours=rng.randint(0, 23))
                percent = {"safe": 85, "at_risk": 60, "unsafe": 30}[state]
                assessments.append(
                    (
                        assessment_id,
                        place_id,
                        criteria_set.pk,
                        empty,
                        empty,
                        percent,
                        100,
                        percent,
                        state,
                        state,
                        state,
                        "[]",
                        False,
                        submitted,
                        submitted + timedelta(days=criteria_set.validity_days),
                    )
                )
                last_id, assessed_at = assessment_id, submitted
                valid_until = submitted + timedelta(days=criteria_set.validity_days)
                assessment_id += 1
        name = f"Cơ sở thử nghiệm {n}"
        places.append(
            (
                *place_row(
                    place_id,
                    name,
                    types[n % len(types)],
                    f"Địa chỉ {n}",
                    (unit_id, path),
                    (latitude, longitude),
                    f"{PREFIX}{n:08X}",
                    f"co so thu nghiem {n}",
                    state,
                ),
                last_id,
                assessed_at,
                valid_until,
                now,
            )
        )
        place_id += 1
    place_columns = [
        *PLACE_COLUMNS,
        "last_assessment_id",
        "assessed_at",
        "valid_until",
        "created_at",
    ]
    assessment_columns = [
        "id",
        "establishment_id",
        "criteria_set_id",
        "answers",
        "item_points",
        "score",
        "max_score",
        "percent",
        "band",
        "band_label",
        "state",
        "vetoes",
        "by_officer",
        "submitted_at",
        "valid_until",
    ]
    defer_constraints()
    insert_rows(Establishment, place_columns, places)
    insert_rows(Assessment, assessment_columns, assessments)
    reset_sequences(Establishment, Assessment)
    clusters.rebuild()
    analyze()
    return len(places)


def _bbox(zoom: int) -> str:
    width, height = VIEWPORTS[zoom]
    lat, lon = CENTRE
    return f"{lon - width / 2},{lat - height / 2},{lon + width / 2},{lat + height / 2}"


def viewport_for(client: Client, zoom: int) -> Callable[[], Any]:
    return lambda: client.get("/api/v1/public/places", {"bbox": _bbox(zoom), "zoom": str(zoom)})


@override_settings(ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS])
def measure(district: AdminUnit, repeat: int = 5) -> dict[str, float]:
    officer = User.objects.filter(username="bench-district").first()
    if officer is None:
        officer = User.objects.create_user("bench-district", password=None)
        RoleAssignment.objects.create(user=officer, role=Role.OFFICER, unit=district)
    client = Client()
    client.force_login(officer)
    headers = {"Authorization": f"Bearer {issue_api_token(officer)}"}
    results: dict[str, float] = {}

    for zoom in VIEWPORTS:
        ms, response = timed(viewport_for(client, zoom), repeat)
        check(response, f"map zoom {zoom}")
        results[f"map viewport, zoom {zoom}"] = ms
    ms, response = timed(lambda: client.get("/safety/overdue/", {"unit": district.code}), repeat)
    check(response, "overdue list")
    results["overdue list of a district"] = ms
    ms, response = timed(lambda: client.get("/safety/", {"unit": district.code}), repeat)
    check(response, "district counts")
    results["district counts by state"] = ms
    # The signed-in client reads past the public cache: these are the costs of rendering.
    for label, params in (
        ("public summary, whole country", {}),
        ("public summary of a district", {"unit": district.code}),
    ):
        ms, response = timed(lambda params=params: client.get("/api/v1/public/summary", params), repeat)  # type: ignore[misc]
        check(response, label)
        results[label] = ms
    # The pickers: at most a few matches, found without reading every row.
    for label, url, params in (
        ("place picker, a common word", "/places/pick/", {"q": "co so"}),
        ("place picker, a rare number", "/places/pick/", {"q": "thu nghiem 99999"}),
        ("unit picker, every commune of the country", "/units/pick/", {"q": "xa", "scope": "all"}),
    ):
        ms, response = timed(lambda url=url, params=params: client.get(url, params), repeat)  # type: ignore[misc]
        check(response, label)
        results[label] = ms
    code = Establishment.objects.filter(unit_path__under=district.path).values_list("public_code", flat=True).first()
    ms, response = timed(lambda: client.get(f"/p/{code}"), repeat)
    check(response, "a place's page")
    results["a place's page /p/"] = ms
    public = Client()  # anonymous: answered from the shared cache after the first request
    ms, response = timed(lambda: public.get(f"/p/{code}"), repeat)
    check(response, "a place's page, cached")
    results["a place's page /p/, from the cache"] = ms
    ms, response = timed(viewport_for(public, 10), repeat)
    check(response, "map zoom 10, cached")
    results["map viewport, zoom 10, from the cache"] = ms
    places = list(
        Establishment.objects.filter(unit_path__under=district.path).values_list("id", flat=True)[: repeat + 1]
    )
    answers = {f"i{n}": 8 for n in range(1, 11)}
    queue = iter(places)

    def submit() -> Any:
        return client.post(
            f"/api/v1/establishments/{next(queue)}/assessments",
            {"criteria_set": SET_CODE, "answers": answers},
            content_type="application/json",
            headers=headers,
        )

    ms, response = timed(submit, repeat)
    check(response, "submit an assessment")
    results["submit an assessment"] = ms
    return results
