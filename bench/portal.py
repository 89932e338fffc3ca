"""The public portal and the situation view at scale: the country's communes with a level each,
a registry of places (bench.safety) and citizens' reports inserted in bulk; then the home page,
"what applies where I am" and the situation view of a province, each cold (the shared cache
emptied first) and warm (served from it).

Reports written here have tracking codes starting with "BM"; the benchmark refuses a database
holding other reports, like the registry benchmark refuses real places.
"""

import random
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from portal.categories import load_report_categories
from portal.models import Report, ReportCategory
from safety.models import Establishment
from territory.models import AdminUnit, Level, Scheme
from zones.computing import recompute

from . import safety as registry
from . import zones as levels
from .rows import insert_rows
from .timing import NotAScratchDatabase, check, timed

PREFIX = "BM"
STATUSES = ["received"] * 2 + ["accepted", "in_progress"] + ["answered"] * 3 + ["closed"] * 2 + ["rejected"]


def prepare() -> None:
    if Report.objects.exclude(tracking_code__startswith=PREFIX).exists():
        raise NotAScratchDatabase("This database holds real citizens' reports; use a scratch database.")
    levels.prepare()
    load_report_categories()


@transaction.atomic
def grow_reports(target: int, seed: int = 2021) -> int:
    have = Report.objects.filter(tracking_code__startswith=PREFIX).count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    communes = list(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list("id", "path")[:20_000]
    )
    categories = list(ReportCategory.objects.values_list("id", "deadline_days"))
    now = timezone.now()
    rows: list[tuple[Any, ...]] = []
    for n in range(have, target):
        unit_id, path = communes[n % len(communes)]
        category_id, days = categories[n % len(categories)]
        status = STATUSES[n % len(STATUSES)]
        received = now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
        published = status in ("accepted", "in_progress", "answered", "closed")
        answered = status in ("answered", "closed")
        rows.append(
            (
                f"{PREFIX}{n:08X}", category_id, f"Phản ánh thử nghiệm số {n}", "Đã biên tập" if published else "",
                unit_id, unit_id, path, "", "", f"{n:064x}", status, received, received + timedelta(days=days),
                "", "Đã xử lý" if answered else "", received + timedelta(days=1) if answered else None, False,
            )
        )  # fmt: skip
    columns = [
        "tracking_code", "category_id", "text", "public_text", "place_unit_id", "unit_id", "unit_path",
        "contact_name", "contact_phone", "text_hash", "status", "received_at", "due_at", "rejection_reason",
        "answer", "answered_at", "is_demo",
    ]  # fmt: skip
    insert_rows(Report, columns, rows)
    return len(rows)


def _officer(province: AdminUnit) -> User:
    user, _created = User.objects.get_or_create(username="bench-portal-province")
    RoleAssignment.objects.get_or_create(user=user, role=Role.OFFICER, unit=province)
    return user


def measure(repeat: int) -> dict[str, float]:
    province = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.PROVINCE).order_by("code").first()
    assert province is not None
    commune = AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE).order_by("path").first()
    assert commune is not None
    public = Client()
    officer = Client()
    officer.force_login(_officer(province))
    reads = {
        "home page": lambda: public.get("/"),
        "what applies at a commune (nearest markets)": lambda: public.get(f"/?unit={commune.code}&type=market"),
        "what applies, search 'xa 1'": lambda: public.get("/?q=xa+1"),
        "situation view of the province (page)": lambda: officer.get("/tinh-hinh/"),
        "situation of the province (GET /api/v1/dashboard)": lambda: officer.get("/api/v1/dashboard"),
    }
    results: dict[str, float] = {}
    with override_settings(ALLOWED_HOSTS=["*"]):
        for name, call in reads.items():
            check(call(), name)

            def cold(call: Any = call) -> Any:
                cache.clear()
                return call()

            results[f"{name}, cold"], _response = timed(cold, repeat)
            if name.startswith(("home", "what")):
                results[f"{name}, cached"], _response = timed(call, repeat)
    return results


def run(places: int, reports: int, repeat: int = 5) -> dict[str, float]:
    criteria_set, _district = registry.prepare()
    prepare()
    registry.grow_registry(places, criteria_set, assessments_per_place=1)
    recompute(scheme=Scheme.LEGACY)
    grow_reports(reports)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return measure(repeat)


def counts() -> dict[str, int]:
    return {
        "communes": AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count(),
        "places": Establishment.objects.count(),
        "citizens' reports": Report.objects.count(),
    }
