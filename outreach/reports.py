"""Read side of outreach: a directive's status and summary, activity totals by channel, unit and
period, and village coverage. Every figure comes from aggregate queries over the running totals
(Tally, DirectiveVillage, VillageReach, VillageDay) or over a filtered range of activities."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, FloatField, Max, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from directives import schedule
from directives.models import Delivery, Directive
from lib.paths import child_segment
from territory.models import AdminUnit, Level

from .models import Activity, Channel, DirectiveVillage, Tally, VillageDay, VillageReach

WINDOWS = (7, 14, 30)


# --- a directive -------------------------------------------------------------------------------


def activities_by_organisation(directive: Directive) -> dict[int, int]:
    """Activities each recipient organisation reported on the directive (its page's counts)."""
    return dict(
        Tally.objects.filter(directive=directive)
        .values("organisation")
        .annotate(n=Sum("activities"))
        .values_list("organisation", "n")
    )


def item_matrix(directive: Directive) -> dict[tuple[int, int], int]:
    """Activities per (content item, organisation)."""
    rows = (
        Tally.objects.filter(directive=directive).values("content_item", "organisation").annotate(n=Sum("activities"))
    )
    return {(r["content_item"], r["organisation"]): r["n"] for r in rows}


@dataclass
class Line:
    label: str
    activities: int = 0
    quantity: int = 0
    measure: str = ""
    extra: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    directive: Directive
    today: date
    items: list[Line]
    channels: list[Line]
    districts: list[Line]  # extra: villages, reached
    recipients: int
    opened: int
    acknowledged: int
    reported: int
    late: list[Delivery]
    villages: int
    villages_reached: int

    @property
    def total_activities(self) -> int:
        return sum(line.activities for line in self.channels)


def _province_of(directive: Directive) -> AdminUnit:
    parts = directive.issuer_path.strip("/").split("/")
    return AdminUnit.objects.get(path="/".join(parts[:2]) + "/")


def summary(directive: Directive, today: date | None = None) -> Summary:
    """Totals per content item, channel and district, coverage, and the recipients that are late."""
    today = today or timezone.localdate()
    tallies = Tally.objects.filter(directive=directive)
    by_item: dict[int, int] = dict(
        tallies.values("content_item").annotate(a=Sum("activities")).values_list("content_item", "a")
    )
    items = [Line(f"{item.number}. {item.text}", by_item.get(item.pk) or 0) for item in directive.items.all()]
    channel_rows = tallies.values("channel").annotate(a=Sum("activities"), q=Sum("quantity"))
    by_channel = {r["channel"]: r for r in channel_rows}
    channels = [
        Line(c.name, by_channel[c.pk]["a"], by_channel[c.pk]["q"], c.measure.name)
        for c in Channel.objects.select_related("measure").filter(pk__in=by_channel)
    ]
    province = _province_of(directive)
    districts_of_province = list(province.children.order_by("code"))
    village_counts = dict(
        AdminUnit.objects.filter(path__under=province.path, level=Level.VILLAGE)
        .values("parent__parent")
        .annotate(n=Count("pk"))
        .values_list("parent__parent", "n")
    )
    reached = dict(
        DirectiveVillage.objects.filter(directive=directive)
        .values("district")
        .annotate(n=Count("pk"))
        .values_list("district", "n")
    )
    by_district: dict[str, int] = dict(
        tallies.values("district_code").annotate(a=Sum("activities")).values_list("district_code", "a")
    )
    districts = []
    if "" in by_district:
        districts.append(Line(province.name, by_district[""], extra={"villages": 0, "reached": 0}))
    for unit in districts_of_province:
        districts.append(
            Line(
                unit.name,
                by_district.get(unit.code) or 0,
                extra={"villages": village_counts.get(unit.pk, 0), "reached": reached.get(unit.pk, 0)},
            )
        )
    deliveries = directive.deliveries.all()
    counts = deliveries.aggregate(
        recipients=Count("pk"),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        reported=Count("pk", filter=Q(first_reported_at__isnull=False)),
    )
    late = list(
        schedule.late_deliveries(directive, today).select_related("organisation").order_by("organisation__name")
    )
    return Summary(
        directive=directive,
        today=today,
        items=items,
        channels=channels,
        districts=districts,
        late=late,
        villages=sum(village_counts.values()),
        villages_reached=sum(reached.values()),
        **counts,
    )


# --- activities by channel, unit and period ----------------------------------------------------


def visible_activities(user: AnyUser) -> QuerySet[Activity]:
    """Activities whose area lies in the user's jurisdiction, and those of their organisations."""
    base = Activity.objects.all()
    members = [o.pk for o in jurisdiction.member_organisations(user)]
    return jurisdiction.filter_by_unit(user, base, path_field="area_path") | base.filter(organisation__in=members)


@dataclass
class ChannelTable:
    columns: list[AdminUnit]  # the unit's children, then the unit itself for what lies at its level
    rows: list[tuple[Channel, list[int], int, int]]  # channel, quantity per column, total quantity, activities


def by_channel_and_unit(user: AnyUser, unit: AdminUnit, start: date, end: date) -> ChannelTable:
    """Quantities per channel (rows) and per child unit (columns) in the period, one query."""
    activities = visible_activities(user).filter(area_path__under=unit.path, occurred_on__range=(start, end))
    children = list(unit.children.exclude(level=Level.VILLAGE).order_by("code")) if unit.level != Level.COMMUNE else []
    sums = {f"u{c.pk}": Sum("quantity", filter=Q(area_path__under=c.path)) for c in children}
    rows: list[dict[str, Any]] = list(
        activities.values("channel").annotate(total=Sum("quantity"), n=Count("pk"), **sums)  # type: ignore[arg-type]
    )
    channels = {c.pk: c for c in Channel.objects.select_related("measure")}
    table = []
    for row in sorted(rows, key=lambda r: channels[r["channel"]].position):
        per_child = [row[f"u{c.pk}"] or 0 for c in children]
        table.append((channels[row["channel"]], per_child, row["total"] or 0, row["n"]))
    return ChannelTable(children, table)


# --- village coverage --------------------------------------------------------------------------


@dataclass
class VillageState:
    pk: int
    name: str
    commune: str
    latitude: float | None
    longitude: float | None
    last_reached_on: date | None  # within the 30 days up to the day asked for
    ever_reached: bool
    days_since: int | None


@dataclass
class CoverageRow:
    unit: AdminUnit
    villages: int = 0
    within: dict[int, int] = field(default_factory=lambda: dict.fromkeys(WINDOWS, 0))
    never: int = 0

    def share(self, days: int) -> int:
        return round(100 * self.within[days] / self.villages) if self.villages else 0


@dataclass
class Coverage:
    unit: AdminUnit
    on: date
    rows: list[CoverageRow]
    total: CoverageRow
    villages: list[VillageState]  # never reached first, then the longest unreached


def coverage(unit: AdminUnit, on: date | None = None) -> Coverage:
    """Which villages under the unit were reached in the 7, 14 and 30 days up to `on`, per child unit."""
    on = on or timezone.localdate()
    since = on - timedelta(days=max(WINDOWS) - 1)
    villages = list(
        AdminUnit.objects.filter(path__under=unit.path, level=Level.VILLAGE).values_list(
            "pk", "name", "path", "parent__name", Cast("latitude", FloatField()), Cast("longitude", FloatField())
        )
    )
    reach = {
        village: (first, last)
        for village, first, last in VillageReach.objects.filter(path__under=unit.path).values_list(
            "village", "first_reached_on", "last_reached_on"
        )
    }
    ever = {village for village, (first, _last) in reach.items() if first <= on}
    # The last reach up to `on` is the stored last day unless the village was reached again after
    # `on`; only those villages (none when `on` is today) are looked up in the daily history.
    last = {village: day for village, (_first, day) in reach.items() if since <= day <= on}
    later = [village for village, (first, day) in reach.items() if day > on and first <= on]
    if later:
        days = VillageDay.objects.filter(day__range=(since, on))
        days = days.filter(village__in=later) if len(later) <= 500 else days.filter(path__under=unit.path)
        wanted = set(later)
        last.update(
            (village, day)
            for village, day in days.values("village").annotate(last=Max("day")).values_list("village", "last")
            if village in wanted
        )
    children = list(unit.children.order_by("code")) if unit.level in (Level.PROVINCE, Level.DISTRICT) else [unit]
    rows = {c.path: CoverageRow(c) for c in children}
    total = CoverageRow(unit)
    states: list[VillageState] = []
    parts = children[0].path.count("/") if children else 0  # a child's path is the village path cut here
    for pk, name, path, commune, lat, lng in villages:
        reached_on = last.get(pk)
        days_since = (on - reached_on).days if reached_on else None
        row = rows.get("/".join(path.split("/", parts)[:parts]) + "/")
        for bucket in (row, total):
            if bucket is None:
                continue
            bucket.villages += 1
            if pk not in ever:
                bucket.never += 1
            for window in WINDOWS:
                if days_since is not None and days_since < window:
                    bucket.within[window] += 1
        states.append(
            VillageState(
                pk,
                name,
                commune,
                lat,
                lng,
                reached_on,
                pk in ever,
                days_since,
            )
        )
    states.sort(key=lambda s: (s.ever_reached, s.last_reached_on is not None, s.last_reached_on or on, s.name))
    return Coverage(unit, on, list(rows.values()), total, states)


@dataclass
class Reach:
    """Villages under a unit reached in each window up to a day, per unit one level down (by code)."""

    total: CoverageRow
    by_child: dict[str, CoverageRow]


def reach_by_child(unit: AdminUnit, on: date | None = None) -> Reach:
    """The counts of `coverage` without reading a single village: grouped queries (villages; villages
    reached by `on` and in each window), each grouped by the unit one level down."""
    on = on or timezone.localdate()
    since = on - timedelta(days=max(WINDOWS) - 1)
    children = {child.code: CoverageRow(child) for child in unit.children.order_by("code")}
    total = CoverageRow(unit)

    def rows_for(code: str) -> list[CoverageRow]:
        row = children.get(code)
        return [total] if row is None else [row, total]

    villages = AdminUnit.objects.filter(path__under=unit.path, level=Level.VILLAGE)
    for found in villages.annotate(segment=child_segment("path", unit.path)).values("segment").annotate(n=Count("pk")):
        for row in rows_for(found["segment"]):
            row.villages += found["n"]
            row.never += found["n"]
    # Reached by `on`, and in each window from the last day kept per village; a village reached
    # again after `on` (none when `on` is today) sends the windows to the daily history instead.
    reached = VillageReach.objects.filter(path__under=unit.path, first_reached_on__lte=on)
    last_in = {
        f"within_{days}": Count("pk", filter=Q(last_reached_on__range=(on - timedelta(days=days - 1), on)))
        for days in WINDOWS
    }
    grouped = (
        reached.annotate(segment=child_segment("path", unit.path))
        .values("segment")
        .annotate(ever=Count("pk"), later=Count("pk", filter=Q(last_reached_on__gt=on)), **last_in)
    )
    counted = list(grouped.values_list("segment", "ever", "later", *last_in))
    if any(later for _segment, _ever, later, *_within in counted):
        history = VillageDay.objects.filter(path__under=unit.path, day__range=(since, on))
        days_in = {
            f"within_{days}": Count("village", distinct=True, filter=Q(day__gte=on - timedelta(days=days - 1)))
            for days in WINDOWS
        }
        by_day = history.annotate(segment=child_segment("path", unit.path)).values("segment").annotate(**days_in)
        windows = list(by_day.values_list("segment", *days_in))
    else:
        windows = [(segment, *within) for segment, _ever, _later, *within in counted]
    for segment, ever, _later, *_within in counted:
        for row in rows_for(segment):
            row.never -= ever
    for segment, *within in windows:
        for row in rows_for(segment):
            for days_back, n in zip(WINDOWS, within, strict=True):
                row.within[days_back] += n
    return Reach(total, children)
