"""The public portal and the situation view at scale: the country's communes with a level each,
a registry of places (bench.safety), citizens' reports, villages in every commune with a year of
communication activities reaching them, and a year of inspections, inserted in bulk; then the
home page, "what applies where I am" and the situation view of a province and of the whole
country, each cold (the shared cache emptied first) and warm (served from it).

Reports written here have tracking codes starting with "BM", villages codes ending "-BV…",
activities the bench directive, inspections the bench team; the benchmark refuses a database
holding other reports, like the registry benchmark refuses real places.
"""

import random
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from directives.models import ContentItem, Directive
from inspections.models import Inspection
from outreach.channels import load_channels
from outreach.models import Activity, Channel, VillageDay, VillageReach
from portal.categories import load_report_categories
from portal.models import Report, ReportCategory
from reports.models import Country
from reports.queries import figures as situation_figures
from safety.models import Establishment
from territory.loader import demo_child
from territory.models import AdminUnit, Level, Organisation, OrganisationKind, Scheme
from zones.computing import recompute

from . import safety as registry
from . import zones as levels
from .inspections import INSPECTION_COLUMNS, TEAM, inspection_row
from .rows import analyze, insert_rows, next_id, reset_sequences
from .timing import NotAScratchDatabase, check, timed

PREFIX = "BM"
VILLAGES_PER_COMMUNE = 8
VILLAGE_CODE = "-BV"
DAYS = 365  # activities and inspections spread over the last year
ISSUER = "bench-portal"
CHUNK = 100_000
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


@transaction.atomic
def grow_villages() -> int:
    """VILLAGES_PER_COMMUNE villages in every legacy commune (the national list has none)."""
    communes = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE)
    have = set(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.VILLAGE, code__contains=VILLAGE_CODE).values_list(
            "parent_id", flat=True
        )
    )
    new = [
        demo_child(commune, f"{commune.code}{VILLAGE_CODE}{n}", Level.VILLAGE, "Thôn", f"Thôn {n}")
        for commune in communes
        if commune.pk not in have
        for n in range(1, VILLAGES_PER_COMMUNE + 1)
    ]
    AdminUnit.objects.bulk_create(new, batch_size=5000)
    return len(new)


def _bench_directive() -> tuple[Directive, ContentItem, Channel, Organisation]:
    """What every bench activity reports for: one directive, its item, a channel, an organisation."""
    load_channels()
    province = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.PROVINCE).order_by("code").first()
    assert province is not None
    organisation, _created = Organisation.objects.get_or_create(
        code=ISSUER, defaults={"name": "Đơn vị thử nghiệm", "kind": OrganisationKind.DEPARTMENT, "unit": province}
    )
    directive = Directive.objects.filter(issuer=organisation).first() or Directive.objects.create(
        issuer=organisation,
        issuing_body="Sở thử nghiệm",
        symbol="BM-TN",
        place="Hà Nội",
        subject="Văn bản thử nghiệm",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn A",
        status="issued",
        number=1,
        year=timezone.localdate().year,
        issued_on=timezone.localdate(),
        issued_at=timezone.now(),
    )
    item, _created = ContentItem.objects.get_or_create(directive=directive, number=1, defaults={"text": "Thử nghiệm"})
    channel = Channel.objects.order_by("pk").first()
    assert channel is not None
    return directive, item, channel, organisation


@transaction.atomic
def grow_outreach(target: int, seed: int = 2021) -> int:
    """Communication activities up to `target`, each in one commune reaching one of its villages on
    a day of the last year, with the villages' daily history and first and last reach kept as the
    outreach actions keep them. Written in chunks of CHUNK rows."""
    directive, item, channel, organisation = _bench_directive()
    have = Activity.objects.filter(directive=directive).count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    villages: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, parent_id, path in AdminUnit.objects.filter(
        scheme=Scheme.LEGACY, level=Level.VILLAGE, code__contains=VILLAGE_CODE
    ).values_list("pk", "parent_id", "path"):
        villages[parent_id].append((pk, path))
    communes = list(
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE, pk__in=list(villages)).values_list(
            "pk", "path", "parent_id"
        )
    )
    seen = set(VillageDay.objects.values_list("village_id", "day"))
    today = timezone.localdate()
    now = timezone.now()
    activity_id = next_id(Activity)
    written = 0
    while have + written < target:
        activities, reaches, days = [], [], []
        for _n in range(min(CHUNK, target - have - written)):
            commune_id, commune_path, district_id = communes[rng.randrange(len(communes))]
            village_id, village_path = rng.choice(villages[commune_id])
            day = today - timedelta(days=rng.randrange(DAYS))
            activities.append(
                (
                    activity_id, directive.pk, item.pk, channel.pk, "", organisation.pk, 1 + rng.randrange(20), day,
                    "", commune_id, commune_path, district_id, "", "", now,
                )
            )  # fmt: skip
            reaches.append((activity_id, village_id))
            if (village_id, day) not in seen:
                seen.add((village_id, day))
                days.append((village_id, day, village_path))
            activity_id += 1
        insert_rows(Activity, [
            "id", "directive_id", "content_item_id", "channel_id", "priority", "organisation_id", "quantity",
            "occurred_on", "title", "area_id", "area_path", "district_id", "evidence_url", "evidence_file",
            "reported_at",
        ], activities)  # fmt: skip
        insert_rows(Activity.reached.through, ["activity_id", "adminunit_id"], reaches)
        insert_rows(VillageDay, ["village_id", "day", "path"], days)
        written += len(activities)
    reset_sequences(Activity)
    VillageReach.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VillageReach._meta.db_table} (village_id, path, first_reached_on, last_reached_on) "
            f"SELECT village_id, path, MIN(day), MAX(day) FROM {VillageDay._meta.db_table} GROUP BY village_id, path"
        )
    return written


@transaction.atomic
def grow_inspections(target: int, seed: int = 2021) -> int:
    """Inspections up to `target` over the last year: nine in ten of a place, one in ten of a
    commune, each by its district; most done, some planned."""
    have = Inspection.objects.filter(team=TEAM).count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    count = target - have
    places = list(
        Establishment.objects.filter(public_code__startswith=PREFIX)
        .order_by("?")
        .values_list("pk", "unit_path")[: count - count // 10]
    )
    communes = list(AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).values_list("pk", "path"))
    districts = dict(AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.DISTRICT).values_list("path", "pk"))
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for n in range(count):
        day = today - timedelta(days=rng.randrange(DAYS))
        target_of: tuple[str, int | None, int | None, str, str]
        if n < len(places):
            place_id, path = places[n]
            target_of = ("place", None, place_id, path, "place")
        else:
            commune_id, path = communes[rng.randrange(len(communes))]
            target_of = ("unit", commune_id, None, path, Level.COMMUNE.value)
        district_path = "/".join(path.split("/")[:3]) + "/"
        rows.append(inspection_row(rng, day, now, (districts[district_path], district_path), target_of))
    insert_rows(Inspection, INSPECTION_COLUMNS, rows)
    return count


def _officer(province: AdminUnit) -> User:
    user, _created = User.objects.get_or_create(username="bench-portal-province")
    RoleAssignment.objects.get_or_create(user=user, role=Role.OFFICER, unit=province)
    return user


def _national_administrator() -> User:
    """An administrator of every legacy province: the situation view opens on the whole country."""
    user, _created = User.objects.get_or_create(username="bench-portal-national")
    have = set(RoleAssignment.objects.filter(user=user).values_list("unit_id", flat=True))
    provinces = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.PROVINCE).exclude(pk__in=have)
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, role=Role.ADMINISTRATOR, unit=province) for province in provinces
    )
    return user


def measure(repeat: int) -> dict[str, float]:
    province = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.PROVINCE).order_by("code").first()
    assert province is not None
    commune = AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE).order_by("path").first()
    assert commune is not None
    public = Client()
    officer = Client()
    officer.force_login(_officer(province))
    national = Client()
    national.force_login(_national_administrator())
    country = Country.of(Scheme.LEGACY)
    reads = {
        "home page": lambda: public.get("/"),
        "what applies at a commune (nearest markets)": lambda: public.get(f"/?unit={commune.code}&type=market"),
        "what applies, search 'xa 1'": lambda: public.get("/?q=xa+1"),
        "situation of the province, figures (queries only)": lambda: situation_figures(province),
        "situation view of the province (page)": lambda: officer.get("/tinh-hinh/"),
        "situation of the province (GET /api/v1/dashboard)": lambda: officer.get("/api/v1/dashboard"),
        "situation of the country, figures (queries only)": lambda: situation_figures(country),
        "situation view of the country (page)": lambda: national.get("/tinh-hinh/"),
        "situation of the country (GET /api/v1/dashboard)": lambda: national.get("/api/v1/dashboard"),
    }
    results: dict[str, float] = {}
    with override_settings(ALLOWED_HOSTS=["*"]):
        for name, call in reads.items():
            if "figures" not in name:
                check(call(), name)

            def cold(call: Any = call) -> Any:
                cache.clear()
                return call()

            results[f"{name}, cold"], _response = timed(cold, repeat)
            if name.startswith(("home", "what")):  # public pages served from the shared cache
                results[f"{name}, cached"], _response = timed(call, repeat)
    return results


def run(places: int, reports: int, activities: int, inspections: int, repeat: int = 5) -> dict[str, float]:
    criteria_set, _district = registry.prepare()
    prepare()
    registry.grow_registry(places, criteria_set, assessments_per_place=1)
    recompute(scheme=Scheme.LEGACY)
    grow_reports(reports)
    grow_villages()
    grow_outreach(activities)
    grow_inspections(inspections)
    analyze()
    return measure(repeat)


def counts() -> dict[str, int]:
    return {
        "communes": AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE).count(),
        "villages": AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.VILLAGE).count(),
        "places": Establishment.objects.count(),
        "citizens' reports": Report.objects.count(),
        "communication activities": Activity.objects.count(),
        "villages reached by day": VillageDay.objects.count(),
        "inspections": Inspection.objects.count(),
    }
