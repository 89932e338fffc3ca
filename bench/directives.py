"""Ten years of directives and communication activities for one province, and the reads a user
would notice on them: the province's village coverage, a directive's summary (JSON, page, DOCX,
PDF), activities by channel, and reporting one activity.

The province is Đắk Nông (legacy 67) with generated villages (VILLAGES_PER_COMMUNE in each
commune, about 3,400), so that the coverage table takes about 100,000 village-day rows a month.
A directive is issued each month; `size` activities are spread over the months
(ACTIVITIES_PER_MONTH each, so 1,000,000 activities make ten years), each reaching about two
villages. Rows are written with COPY on PostgreSQL and executemany on SQLite. Every bench row
hangs off the issuing organisation "bench-so"; the command refuses a database holding any
other directive.
"""

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.test import Client
from django.utils import timezone

from accounts.actions import issue_api_token
from accounts.models import Role, RoleAssignment, User
from directives.models import ContentItem, Delivery, Directive
from outreach.channels import load_channels
from outreach.models import Activity, Channel, DirectiveVillage, Tally, VillageDay, VillageReach
from territory.loader import demo_child
from territory.models import AdminUnit, Level, Organisation, OrganisationKind
from territory.organisations import load_organisations

from .rows import analyze, defer_constraints, insert_rows, next_id, reset_sequences
from .timing import NotAScratchDatabase, check, timed
from .units import legacy_province

PROVINCE = "67"
ISSUER = "bench-so"
VILLAGES_PER_COMMUNE = 48
ACTIVITIES_PER_MONTH = 8_334  # 1,000,000 in 120 months
VILLAGE_SHARE_PER_DAY = 0.98  # of villages reached on a given day: ~100,000 village-days a month
FIRST_MONTH = date(2016, 1, 1)
ITEMS = 7


def _month(index: int) -> date:
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return date(FIRST_MONTH.year + year, month + 1, 1)


def _month_end(start: date) -> date:
    return _month(1 + (start.year - FIRST_MONTH.year) * 12 + start.month - FIRST_MONTH.month) - timedelta(days=1)


def prepare() -> tuple[AdminUnit, Organisation]:
    if Directive.objects.exclude(issuer__code=ISSUER).exists():
        raise NotAScratchDatabase("This database holds real directives; run the benchmark on a scratch database.")
    province = legacy_province(PROVINCE)
    _grow_villages(province)
    load_organisations(province)
    load_channels()
    issuer = Organisation.objects.filter(code=ISSUER).first()
    if issuer is None:
        issuer = Organisation.objects.create(
            code=ISSUER, name="Sở thử nghiệm", kind=OrganisationKind.DEPARTMENT, unit=province
        )
    return province, issuer


def _grow_villages(province: AdminUnit) -> None:
    communes = AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE)
    have = set(
        AdminUnit.objects.filter(path__under=province.path, level=Level.VILLAGE, code__contains="-B").values_list(
            "parent_id", flat=True
        )
    )
    new = []
    for commune in communes:
        if commune.pk in have:
            continue
        for n in range(1, VILLAGES_PER_COMMUNE + 1):
            village = demo_child(
                commune, f"{commune.code}-B{n:03d}", Level.VILLAGE, "Thôn", f"Thôn thử {n}", search_name=f"thon thu {n}"
            )
            new.append(village)
    AdminUnit.objects.bulk_create(new, batch_size=2000)


def _ids(model: type, count: int) -> list[int]:
    start = next_id(model)
    return list(range(start, start + count))


@transaction.atomic
def grow(target: int, province: AdminUnit, issuer: Organisation, seed: int = 2021) -> int:
    """Add months of directives and activities until `target` activities exist."""
    have = Activity.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    months_have = Directive.objects.filter(issuer=issuer).count()
    months_needed = months_have + -(-(target - have) // ACTIVITIES_PER_MONTH)
    villages = list(AdminUnit.objects.filter(path__under=province.path, level=Level.VILLAGE).values_list("id", "path"))
    units = {u.path: u.pk for u in AdminUnit.objects.filter(path__under=province.path).exclude(level=Level.VILLAGE)}
    district_codes = {u.pk: u.code for u in AdminUnit.objects.filter(parent=province)}
    villages_by_commune: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, path in villages:
        villages_by_commune["/".join(path.split("/")[:4]) + "/"].append((pk, path))
    reporters = list(
        Organisation.objects.filter(
            unit__path__under=province.path,
            kind__in=[
                OrganisationKind.COMMUNE_COMMITTEE,
                OrganisationKind.DISTRICT_CULTURE_CENTRE,
                OrganisationKind.PRESS,
            ],
        ).values_list("id", "unit__path", "unit_id")
    )
    recipients = list(Organisation.objects.filter(unit__path__under=province.path).exclude(pk=issuer.pk))
    channels = list(Channel.objects.values_list("id", "code", "priorities"))
    now = timezone.now()
    defer_constraints()
    directive_ids = _ids(Directive, months_needed - months_have)
    item_id = next_id(ContentItem)
    activity_id = next_id(Activity)
    directives, items, deliveries, activities, reaches, village_days = [], [], [], [], [], []
    tallies: dict[tuple[int, int, int, int, str], list[int]] = defaultdict(lambda: [0, 0])
    directive_villages: dict[tuple[int, int], tuple[date, date, int | None]] = {}
    remaining = target - have
    for offset, directive_id in enumerate(directive_ids):
        month = _month(months_have + offset)
        end = _month_end(month)
        directives.append(
            (
                directive_id,
                issuer.pk,
                issuer.unit.path,
                "UBND tỉnh Đắk Nông",
                "Sở thử nghiệm",
                "ST-VP",
                "VP",
                months_have + offset + 1,
                month.year,
                "Đắk Nông",
                month,
                f"Văn bản thử nghiệm tháng {month:%m/%Y}",
                "",
                "",
                month + timedelta(days=20),
                0,
                "",
                "",
                "Giám đốc",
                "Nguyễn Văn A",
                False,
                "issued",
                now,
                now,
            )
        )
        month_items = list(range(item_id, item_id + ITEMS))
        items += [(pk, directive_id, n + 1, f"Nội dung thử nghiệm {n + 1}") for n, pk in enumerate(month_items)]
        item_id += ITEMS
        deliveries += [(directive_id, o.pk, o.unit.path, now, "") for o in recipients]
        count = min(ACTIVITIES_PER_MONTH, remaining)
        remaining -= count
        for _ in range(count):
            org_id, org_path, org_unit = reporters[rng.randrange(len(reporters))]
            day = month + timedelta(days=rng.randrange((end - month).days + 1))
            channel_id, _code, priorities = channels[rng.randrange(len(channels))]
            area_path, area_id, reached = org_path, org_unit, []
            if org_path.count("/") >= 4:  # a commune's committee: its own villages
                pool = villages_by_commune[org_path]
            elif org_path.count("/") == 3:  # a district's centre: villages of one of its communes
                communes = [p for p in villages_by_commune if p.startswith(org_path)]
                area_path = communes[rng.randrange(len(communes))]
                pool = villages_by_commune[area_path]
                area_id = units[area_path]
            else:
                pool = []
            if pool:
                reached = rng.sample(pool, min(len(pool), 1 + rng.randrange(3)))
            district_id = units.get("/".join(area_path.split("/")[:3]) + "/") if area_path.count("/") >= 3 else None
            quantity = 1 + rng.randrange(20)
            item = month_items[rng.randrange(ITEMS)]
            activities.append(
                (
                    activity_id,
                    directive_id,
                    item,
                    channel_id,
                    priorities[0]["code"] if priorities else "",
                    org_id,
                    quantity,
                    day,
                    "",
                    area_id,
                    area_path,
                    district_id,
                    "",
                    "",
                    now,
                )
            )
            for village_id, _path in reached:
                reaches.append((activity_id, village_id))
                first, last, _d = directive_villages.get((directive_id, village_id), (day, day, district_id))
                directive_villages[(directive_id, village_id)] = (min(first, day), max(last, day), district_id)
            district_code = district_codes.get(district_id, "") if district_id else ""
            tally = tallies[(directive_id, item, channel_id, org_id, district_code)]
            tally[0] += 1
            tally[1] += quantity
            activity_id += 1
        day = month
        while day <= end:
            for village_id, path in villages:
                if rng.random() < VILLAGE_SHARE_PER_DAY:
                    village_days.append((village_id, day, path))
            day += timedelta(days=1)
    insert_rows(Directive, [
        "id", "issuer_id", "issuer_path", "parent_body", "issuing_body", "symbol", "archive_division", "number",
        "year", "place", "issued_on", "subject", "opening", "closing", "report_due_on", "report_every", "authority",
        "head_title", "signer_title", "signer_name", "is_public", "status", "created_at", "issued_at",
    ], directives)  # fmt: skip
    insert_rows(ContentItem, ["id", "directive_id", "number", "text"], items)
    insert_rows(
        Delivery, ["directive_id", "organisation_id", "organisation_path", "delivered_at", "emailed_to"], deliveries
    )
    insert_rows(Activity, [
        "id", "directive_id", "content_item_id", "channel_id", "priority", "organisation_id", "quantity",
        "occurred_on", "title", "area_id", "area_path", "district_id", "evidence_url", "evidence_file", "reported_at",
    ], activities)  # fmt: skip
    insert_rows(Activity.reached.through, ["activity_id", "adminunit_id"], reaches)
    insert_rows(VillageDay, ["village_id", "day", "path"], village_days)
    insert_rows(
        DirectiveVillage,
        ["directive_id", "village_id", "district_id", "first_reached_on", "last_reached_on"],
        [(d, v, district, first, last) for (d, v), (first, last, district) in directive_villages.items()],
    )
    insert_rows(
        Tally,
        ["directive_id", "content_item_id", "channel_id", "organisation_id", "district_code", "activities", "quantity"],
        [(*key, a, q) for key, (a, q) in tallies.items()],
    )
    _mark_reported(issuer)
    _keep_village_reach(province)
    reset_sequences(Directive, ContentItem, Activity)
    analyze()
    return len(activities)


def _mark_reported(issuer: Organisation) -> None:
    """Deliveries reported on: the first and last moment of their organisation's activities."""
    spans = Activity.objects.filter(directive=OuterRef("directive"), organisation=OuterRef("organisation"))
    Delivery.objects.filter(directive__issuer=issuer, first_reported_at__isnull=True).update(
        first_reported_at=Subquery(spans.values("directive").annotate(m=Min("reported_at")).values("m")[:1]),
        last_reported_at=Subquery(spans.values("directive").annotate(m=Max("reported_at")).values("m")[:1]),
    )


def _keep_village_reach(province: AdminUnit) -> None:
    VillageReach.objects.filter(path__under=province.path).delete()
    rows = (
        VillageDay.objects.filter(path__under=province.path)
        .values("village", "path")
        .annotate(first=Min("day"), last=Max("day"))
    )
    insert_rows(
        VillageReach,
        ["village_id", "path", "first_reached_on", "last_reached_on"],
        [(r["village"], r["path"], r["first"], r["last"]) for r in rows],
    )


def _user(username: str, **role: Any) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, password=None)
        RoleAssignment.objects.create(user=user, **role)
    return user


def measure(province: AdminUnit, issuer: Organisation, repeat: int = 5) -> dict[str, float]:
    writer = _user("bench-writer", role=Role.COMMUNICATOR, organisation=issuer)
    officer = _user("bench-province", role=Role.OFFICER, unit=province)
    directive = Directive.objects.filter(issuer=issuer).order_by("-issued_on").first()
    assert directive is not None
    last_day = Activity.objects.order_by("-occurred_on").values_list("occurred_on", flat=True).first() or date.today()
    as_of = last_day.isoformat()
    writer_client, officer_client = Client(SERVER_NAME="localhost"), Client(SERVER_NAME="localhost")
    writer_client.force_login(writer)
    officer_client.force_login(officer)
    results: dict[str, float] = {}

    def read(name: str, client: Client, url: str, params: dict[str, str] | None = None) -> None:
        ms, response = timed(lambda: client.get(url, params or {}), repeat)
        check(response, name)
        results[name] = ms

    read("coverage page, province", officer_client, "/outreach/coverage/", {"unit": PROVINCE, "on": as_of})
    read("coverage API, province", officer_client, "/api/v1/outreach/coverage", {"unit": PROVINCE, "on": as_of})
    read("directive summary API", writer_client, f"/api/v1/directives/{directive.pk}/summary")
    read("directive activities page", writer_client, f"/outreach/directives/{directive.pk}/")
    read("directive with recipients (API)", writer_client, f"/api/v1/directives/{directive.pk}")
    start_30 = (last_day - timedelta(days=29)).isoformat()
    start_365 = (last_day - timedelta(days=364)).isoformat()
    read("by channel, province, 30 days", officer_client, "/outreach/activities/", {"start": start_30, "end": as_of})
    read("by channel, province, 1 year", officer_client, "/outreach/activities/", {"start": start_365, "end": as_of})
    read("summary DOCX", writer_client, f"/outreach/directives/{directive.pk}/summary.docx")
    read("summary PDF", writer_client, f"/outreach/directives/{directive.pk}/summary.pdf")
    read("summary XLSX", writer_client, f"/outreach/directives/{directive.pk}/summary.xlsx")
    read("directive PDF", writer_client, f"/directives/{directive.pk}/document.pdf")

    committee = Organisation.objects.filter(
        kind=OrganisationKind.COMMUNE_COMMITTEE, unit__path__under=province.path
    ).first()
    assert committee is not None
    village = AdminUnit.objects.filter(parent=committee.unit, level=Level.VILLAGE).first()
    assert village is not None
    reporter = _user(f"bench-commune-{committee.unit.code}", role=Role.OFFICER, unit=committee.unit)
    headers = {"Authorization": f"Bearer {issue_api_token(reporter)}"}
    item = directive.items.first()
    assert item is not None

    def report() -> Any:
        payload = {
            "directive": directive.pk,
            "content_item": item.pk,
            "channel": "xe-loa",
            "quantity": 2,
            "occurred_on": as_of,
            "organisation": committee.code,
            "units": [village.code],
        }
        return Client(SERVER_NAME="localhost").post(
            "/api/v1/outreach/activities", payload, content_type="application/json", headers=headers
        )

    ms, response = timed(report, repeat)
    check(response, "report an activity")
    results["report an activity"] = ms
    return results


def run(sizes: list[int], repeat: int = 5) -> dict[str, float]:
    """Grow to each size in turn and time the reads; keys are "<read> @ <activities>"."""
    province, issuer = prepare()
    results: dict[str, float] = {}
    for size in sorted(sizes):
        grow(size, province, issuer)
        for name, ms in measure(province, issuer, repeat).items():
            results[f"{name} @ {size}"] = ms
    return results
