"""What event pages, the API and other apps read, with the jurisdiction applied."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from accounts.models import User
from safety.models import Establishment
from territory.models import AdminUnit, Level
from zones.models import RiskLevel, UnitLevel

from .models import PLACE_TYPES, ChecklistItem, DayStatus, Event, EventKind, Incident, PlanStatus, Site

# A site that has not reported for this long on the day is late.
LATE_AFTER = timedelta(hours=2)


def _prefixes(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(1, len(parts))]


def visible_events(user: AnyUser) -> QuerySet[Event]:
    """Events organised in the user's jurisdiction or by a unit above it (a province's election
    is every commune's)."""
    if user.is_authenticated and user.is_superuser:
        return Event.objects.select_related("unit")
    paths = jurisdiction.unit_paths(user)
    if not paths:
        return Event.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(unit__path__startswith=path) | Q(unit__path__in=_prefixes(path))
    return Event.objects.filter(condition).select_related("unit")


def get_event(user: AnyUser, pk: int) -> Event:
    event = visible_events(user).filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    return event


def visible_sites(user: AnyUser, event: Event) -> QuerySet[Site]:
    return jurisdiction.filter_by_unit(user, Site.objects.filter(event=event), path_field="path")


def get_site(user: AnyUser, event: Event, pk: int) -> Site:
    site = Site.objects.filter(event=event, pk=pk).select_related("unit__parent", "place__type", "owner").first()
    if site is None:
        raise Http404(_("No such site."))
    jurisdiction.require_unit(user, site.unit)
    return site


def may_change(user: AnyUser, unit: AdminUnit) -> bool:
    return jurisdiction.can_change_unit(user, unit)


def owner_choices(user: AnyUser, site: Site) -> list[User]:
    """Who may be made responsible for a site: the active officers, inspectors and administrators
    of the site's unit or a unit above it, as far as that unit lies within the user's own
    jurisdiction (a commune picks among its own officers, its district among both)."""
    units = [u for u in [*site.unit.ancestors(), site.unit] if jurisdiction.can_see_unit(user, u)]
    people = list(
        User.objects.filter(is_active=True, roles__unit__in=units, roles__role__in=jurisdiction.SEE_ROLES)
        .distinct()
        .order_by("full_name", "username")
        .prefetch_related("roles__unit")
    )
    for person in people:
        # What the select shows beside the name: the person's roles there ("Cán bộ, Xã …").
        person.where = "; ".join(  # type: ignore[attr-defined]
            f"{a.get_role_display()}, {a.unit.name}"
            for a in person.roles.all()
            if a.unit in units and a.role in jurisdiction.SEE_ROLES
        )
    return people


def checklist(event: Event) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(event_kind=event.kind))


def site_places(user: AnyUser, event: Event) -> QuerySet[Establishment]:
    """Places where the user may open a site of the event: its type, in its area and the user's
    jurisdiction, not yet a site (what the site's place picker offers and takes)."""
    return (
        jurisdiction.filter_by_unit(
            user,
            Establishment.objects.filter(
                type__code=PLACE_TYPES[EventKind(event.kind)], unit_path__startswith=event.unit.path
            ),
            path_field="unit_path",
            roles=jurisdiction.CHANGE_ROLES,
        )
        .exclude(pk__in=Site.objects.filter(event=event).values("place_id"))
        .select_related("unit")
    )


def plans_due_on(event: Event) -> date:
    return event.starts_on - timedelta(days=event.plans_due_days)


def unready_sites(user: AnyUser, event: Event, today: date | None = None) -> list[Site]:
    """Sites whose plan is missing or not approved once the plans are due (listed and chased)."""
    today = today or timezone.localdate()
    if today < plans_due_on(event):
        return []
    return list(
        visible_sites(user, event)
        .exclude(plan_status=PlanStatus.APPROVED)
        .select_related("unit")
        .order_by("plan_status", "path")[:500]
    )


@dataclass
class Area:
    level: RiskLevel | None
    very_high: bool


def area_of(unit: AdminUnit) -> Area:
    """The risk level in force where the site is (its commune's when the village has none); the
    highest level of the framework counts as very high."""
    candidates = [unit.pk] + ([unit.parent_id] if unit.level == Level.VILLAGE and unit.parent_id else [])
    rows = {r.unit_id: r for r in UnitLevel.objects.filter(unit_id__in=candidates).select_related("level__framework")}
    row = next((rows[c] for c in candidates if c in rows), None)
    if row is None:
        return Area(None, False)
    top = row.level.framework.levels.order_by("-rank").values_list("rank", flat=True).first()
    return Area(row.level, row.level.rank == top and row.level.rank > 0)


def flagged_sites(user: AnyUser, event: Event) -> list[tuple[Site, Area]]:
    """Sites in a very-high-risk area, for a decision (move, postpone, mobile box)."""
    top_levels = []
    for level in RiskLevel.objects.select_related("framework"):
        if level.rank == max(level.framework.levels.values_list("rank", flat=True)) and level.rank > 0:
            top_levels.append(level.pk)
    hot = UnitLevel.objects.filter(level_id__in=top_levels).values_list("unit_id", flat=True)
    sites = (
        visible_sites(user, event)
        .filter(Q(unit_id__in=hot) | Q(unit__parent_id__in=hot))
        .select_related("unit__parent")
    )
    return [(s, area_of(s.unit)) for s in sites[:200]]


@dataclass
class Board:
    counts: dict[str, int]
    total: int
    present: int
    mobile_served: int
    rows: list[Site]
    open_incidents: int


def board(user: AnyUser, event: Event, unit: AdminUnit, now: datetime | None = None, limit: int = 100) -> Board:
    """Sites under the unit by status, late reporters first: those that never reported, then the
    longest silent."""
    jurisdiction.require_unit(user, unit)
    now = now or timezone.now()
    sites = Site.objects.filter(event=event, path__startswith=unit.path)
    by_status = dict(sites.values_list("status").annotate(n=Count("id")).order_by())
    totals = sites.aggregate(present=Sum("present"), served=Sum("mobile_served"))
    late = sites.filter(
        Q(status=DayStatus.NOT_REPORTED) | Q(reported_at__lt=now - LATE_AFTER) & ~Q(status=DayStatus.CLOSED)
    )
    never_first = Case(
        When(status=DayStatus.NOT_REPORTED, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    rows = list(late.select_related("unit").order_by(never_first, "reported_at", "path")[:limit])
    if len(rows) < limit:
        rows += list(
            sites.exclude(pk__in=[r.pk for r in rows])
            .select_related("unit")
            .order_by("reported_at", "path")[: limit - len(rows)]
        )
    for row in rows:
        row.late = row.status == DayStatus.NOT_REPORTED or (  # type: ignore[attr-defined]
            row.status != DayStatus.CLOSED and row.reported_at is not None and row.reported_at < now - LATE_AFTER
        )
    return Board(
        counts={s: by_status.get(s, 0) for s in DayStatus.values},
        total=sum(by_status.values()),
        present=totals["present"] or 0,
        mobile_served=totals["served"] or 0,
        rows=rows,
        open_incidents=Incident.objects.filter(site__in=sites, closed_at__isnull=True).count(),
    )


def incidents(user: AnyUser, event: Event) -> list[Incident]:
    return list(
        Incident.objects.filter(site__in=visible_sites(user, event))
        .select_related("site__unit")
        .prefetch_related("actions")
    )


def report_rows(user: AnyUser, event: Event, unit: AdminUnit) -> list[dict[str, Any]]:
    """After the event, one row per unit below `unit`: sites, plans approved, statuses, people
    present, served by the mobile box, incidents."""
    jurisdiction.require_unit(user, unit)
    children = list(unit.children.order_by("code")) or [unit]
    rows = []
    for child in children:
        sites = Site.objects.filter(event=event, path__startswith=child.path)
        agg = sites.aggregate(
            sites=Count("id"),
            approved=Count("id", filter=Q(plan_status=PlanStatus.APPROVED)),
            closed=Count("id", filter=Q(status=DayStatus.CLOSED)),
            not_reported=Count("id", filter=Q(status=DayStatus.NOT_REPORTED)),
            present=Sum("present"),
            served=Sum("mobile_served"),
        )
        rows.append(
            {
                "unit": child,
                **{k: v or 0 for k, v in agg.items()},
                "incidents": Incident.objects.filter(site__in=sites).count(),
            }
        )
    return rows


def summary_for(unit: AdminUnit, today: date | None = None) -> list[dict[str, Any]]:
    """For the situation view: the events not yet closed that concern the unit, with its sites
    by status and how many still lack an approved plan."""
    today = today or timezone.localdate()
    events = Event.objects.filter(closed_at__isnull=True, ends_on__gte=today - timedelta(days=7)).filter(
        Q(unit__path__startswith=unit.path) | Q(unit__path__in=_prefixes(unit.path))
    )
    result = []
    for event in events.order_by("starts_on"):
        sites = Site.objects.filter(event=event, path__startswith=unit.path)
        by_status = dict(sites.values_list("status").annotate(n=Count("id")).order_by())
        result.append(
            {
                "event": event.pk,
                "name": event.name,
                "kind": event.kind,
                "starts_on": event.starts_on,
                "sites": sum(by_status.values()),
                "by_status": {s: by_status.get(s, 0) for s in DayStatus.values},
                "plans_not_approved": sites.exclude(plan_status=PlanStatus.APPROVED).count(),
                "open_incidents": Incident.objects.filter(site__in=sites, closed_at__isnull=True).count(),
            }
        )
    return result
