"""The Đắk Nông demo as it was in May 2021: units of both schemes, generated villages,
the organisations the letter is sent to, and one user per role."""

import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Role, RoleAssignment, User
from demo.safety import load_safety_demo
from enforcement.demo import load_demo as load_enforcement_demo
from events.demo import load_demo as load_events_demo
from inspections.demo import load_demo as load_inspections_demo
from outreach.demo import load_demo as load_outreach_demo
from portal.demo import load_demo as load_portal_demo
from readiness.demo import load_demo as load_readiness_demo
from reports.demo import load_demo as load_weekly_demo
from territory.loader import demo_child, load_successions, load_units
from territory.models import AdminUnit, Level, Organisation, Scheme
from territory.organisations import load_organisations
from zones.demo import load_demo as load_zones_demo

DATA = Path(__file__).parent / "data"
PROVINCE = "67"  # Đắk Nông, legacy scheme
SUCCESSOR_PROVINCE = "68"  # Lâm Đồng, 2025 scheme
DISTRICT = "663"  # huyện Đắk Mil
DEMO_PASSWORD = "demo-password"  # noqa: S105 — published in the README, refused in production

# username, what it shows, roles as (role, unit code or organisation code)
DEMO_USERS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("admin", "quản trị viên cấp tỉnh — provincial administrator (Đắk Nông)", [(Role.ADMINISTRATOR, PROVINCE)]),
    ("province", "cán bộ cấp tỉnh — officer, whole province", [(Role.OFFICER, PROVINCE)]),
    ("district", "cán bộ huyện Đắk Mil — officer, Đắk Mil district", [(Role.OFFICER, DISTRICT)]),
    ("commune", "cán bộ xã — officer of the first commune of Đắk Mil", [(Role.OFFICER, "commune:0")]),
    ("commune2", "cán bộ xã — officer of the second commune of Đắk Mil", [(Role.OFFICER, "commune:1")]),
    ("inspector", "thanh tra huyện Đắk Mil — inspector, Đắk Mil district", [(Role.INSPECTOR, DISTRICT)]),
    ("press", "phóng viên Báo Đắk Nông — communication officer", [(Role.COMMUNICATOR, "67-bao-dak-nong")]),
    ("owner", "chủ cơ sở — owner of places", [(Role.OWNER, "")]),
]

# Made-up Vietnamese names, so the navigation greets a demo user like a real one.
DEMO_NAMES = {
    "admin": "Nguyễn Văn An",
    "province": "Trần Thị Bình",
    "district": "Lê Văn Cường",
    "commune": "Phạm Thị Dung",
    "commune2": "Hoàng Văn Em",
    "inspector": "Vũ Đức Phong",
    "press": "Đỗ Thị Giang",
    "owner": "Bùi Văn Hải",
}

# Bon and buôn names of the M'Nông and Ê Đê villages of the province, reused across communes.
BON_NAMES = ["Bu Prăng", "Jun Jưh", "Bu Dấp", "N'Jang Bơ", "R'Bút", "Ja Ráh", "Bu Nơr", "Đắk Rung", "Bu Đách", "Sa Pa"]


def demo_communes() -> list[AdminUnit]:
    """The two communes of Đắk Mil the `commune` and `commune2` users work in."""
    return list(AdminUnit.objects.filter(scheme=Scheme.LEGACY, parent__code=DISTRICT).order_by("code")[:2])


def _villages_for(commune: AdminUnit) -> list[tuple[str, str, int]]:
    seed = int(commune.code)
    count = 4 + seed % 9
    villages: list[tuple[str, str, int]] = []
    for number in range(1, count + 1):
        population = 300 + (seed * 37 + number * 211) % 1700
        if commune.type_name in {"Phường", "Thị trấn"}:
            villages.append((f"Tổ dân phố {number}", "Tổ dân phố", population))
        elif number > count - 2 and seed % 3 != 1:
            name = BON_NAMES[(seed + number) % len(BON_NAMES)]
            kind = "Bon" if seed % 2 else "Buôn"
            villages.append((f"{kind} {name}", kind, population))
        else:
            villages.append((f"Thôn {number}", "Thôn", population))
    return villages


def _generate_villages(province: AdminUnit) -> int:
    communes = AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE)
    with_villages = set(
        AdminUnit.objects.filter(path__under=province.path, level=Level.VILLAGE).values_list("parent_id", flat=True)
    )
    new: list[AdminUnit] = []
    for commune in communes:
        if commune.pk in with_villages:
            continue
        for number, (name, kind, population) in enumerate(_villages_for(commune), start=1):
            village = demo_child(
                commune, f"{commune.code}-{number:03d}", Level.VILLAGE, kind, name, population=population
            )
            new.append(village)
    AdminUnit.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _demo_users() -> None:
    communes = demo_communes()
    hashed = ""  # hashed once for every new user: a hash costs most of a second, by design
    for username, _description, roles in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user = User(username=username, email=f"{username}@demo.phongdich.example", password=hashed)
        if not user.full_name or user.full_name == f"Demo {username}":
            user.full_name = DEMO_NAMES[username]
        user.is_staff = user.is_superuser = username == "admin"
        user.save()
        for role, target in roles:
            unit = organisation = None
            if target.startswith("commune:"):
                unit = communes[int(target.split(":")[1])]
            elif role == Role.COMMUNICATOR:
                organisation = Organisation.objects.get(code=target)
            elif target:
                unit = AdminUnit.objects.get(scheme=Scheme.LEGACY, code=target)
            RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit, organisation=organisation)


@transaction.atomic
def load_dak_nong() -> str:
    legacy = load_units(Scheme.LEGACY, [PROVINCE])
    modern = load_units(Scheme.Y2025, [SUCCESSOR_PROVINCE])
    links = load_successions()
    province = AdminUnit.objects.get(scheme=Scheme.LEGACY, code=PROVINCE)
    villages = _generate_villages(province)
    named = json.loads((DATA / "dak_nong_organisations.json").read_text(encoding="utf-8"))["organisations"]
    organisations = load_organisations(province, named, demo=True)
    _demo_users()
    safety = load_safety_demo(province, User.objects.get(username="owner"), demo_communes()[0])
    inspections = load_inspections_demo(province)  # before enforcement: one violation comes from an inspection
    enforcement = load_enforcement_demo(province)
    zones = load_zones_demo(province)
    outreach = load_outreach_demo(province)
    readiness = load_readiness_demo(province)
    reports = load_portal_demo(province, demo_communes())
    events = load_events_demo(province)
    weekly = load_weekly_demo(AdminUnit.objects.get(scheme=Scheme.LEGACY, code=DISTRICT))  # from all of the above
    counts = {
        level: AdminUnit.objects.filter(path__under=province.path, level=level).count()
        for level in (Level.DISTRICT, Level.COMMUNE, Level.VILLAGE)
    }
    return (
        f"Đắk Nông (legacy): {counts[Level.DISTRICT]} districts, {counts[Level.COMMUNE]} communes, "
        f"{counts[Level.VILLAGE]} villages ({villages} new); units created {legacy.created}, updated {legacy.updated}. "
        f"Lâm Đồng (2025): {modern.created} units created. {links} legacy→2025 links. {organisations} organisations.\n"
        f"{safety}\n{inspections}\n{enforcement}\n{zones}\n{outreach}\n{readiness}\n{reports}\n{events}\n{weekly}"
    )
