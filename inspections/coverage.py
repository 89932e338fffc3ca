"""Coverage of a unit's subtree over a period: which units one level down and which places were
inspected, which not, what is still planned and which fixes are overdue.

A few grouped queries, each folded by the child unit the paths run through and each read from
its own index (done in the period, still planned, overdue, places), whatever the number of
inspections; lists are paginated queries.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet

from accounts.jurisdiction import AnyUser
from lib import paths
from safety.models import Establishment, OperatingStatus, Registration
from territory.models import AdminUnit

from .models import Inspection, InspectionStatus, Outcome, TargetKind
from .periods import Period
from .queries import visible_inspections


def child_segment(path_field: str, unit: AdminUnit) -> Case:
    """The code of the child of `unit` a path runs through ("" for the unit itself)."""
    return paths.child_segment(path_field, unit.path)


def done_in(period: Period) -> Q:
    # Only a recorded inspection has a date (a constraint): the date range alone is enough.
    return Q(inspected_on__gte=period.start, inspected_on__lte=period.end)


def planned_in(period: Period) -> Q:
    return Q(status=InspectionStatus.PLANNED, period_start__lte=period.end, period_end__gte=period.start)


def overdue_q(today: date) -> Q:
    return Q(outcome=Outcome.NEEDS_FIXES, follow_up_closed_on__isnull=True, fix_by__lt=today)


def places_in_service() -> QuerySet:  # type: ignore[type-arg]
    return Establishment.objects.filter(registration=Registration.ACCEPTED).exclude(status=OperatingStatus.CLOSED)


@dataclass
class Row:
    """One unit of the table (or the unit itself, `unit` None for its own places)."""

    unit: AdminUnit | None
    inspected: int = 0  # inspections of the unit itself done in the period
    done: int = 0  # inspections done in its subtree
    planned: int = 0  # inspections still planned in its subtree
    places: int = 0
    places_inspected: int = 0
    overdue: int = 0

    @property
    def places_share(self) -> float | None:
        return round(100 * self.places_inspected / self.places, 1) if self.places else None

    @property
    def places_not_inspected(self) -> int:
        return max(self.places - self.places_inspected, 0)

    def add(self, other: "Row") -> None:
        for name in ("done", "planned", "places", "places_inspected", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Coverage:
    unit: AdminUnit
    period: Period
    today: date
    own: Row  # the unit itself: inspected from above, and its own places
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(None))

    @property
    def units_inspected(self) -> int:
        return sum(1 for row in self.rows if row.inspected)

    @property
    def units_not_inspected(self) -> list[AdminUnit]:
        return [row.unit for row in self.rows if not row.inspected and row.unit is not None]

    @property
    def units_share(self) -> float | None:
        return round(100 * self.units_inspected / len(self.rows), 1) if self.rows else None


def coverage(unit: AdminUnit, period: Period, today: date, *, with_places: bool = True) -> Coverage:
    """Inspections done, planned and overdue under the unit per unit one level down, and (unless
    `with_places` is False, for a page that shows only the inspections) places inspected."""
    children = list(unit.children.order_by("code"))
    child_level = children[0].level if children else ""
    under = Inspection.objects.filter(target_path__under=unit.path)
    segment = child_segment("target_path", unit)
    done = (
        under.filter(done_in(period))
        .annotate(segment=segment)
        .values("segment")
        .annotate(
            done=Count("pk"),
            inspected=Count("pk", filter=Q(target_kind=TargetKind.UNIT, target_level=child_level)),
            own_inspected=Count("pk", filter=Q(target_kind=TargetKind.UNIT, target_path=unit.path)),
        )
        .order_by()
    )
    planned = (
        under.filter(planned_in(period)).annotate(segment=segment).values("segment").annotate(n=Count("pk")).order_by()
    )
    overdue = (
        under.filter(overdue_q(today)).annotate(segment=segment).values("segment").annotate(n=Count("pk")).order_by()
    )
    places = (
        places_in_service()
        .filter(unit_path__under=unit.path)
        .annotate(segment=child_segment("unit_path", unit))
        .values("segment")
        .annotate(n=Count("pk"), inspected=Count("pk", filter=Q(_inspected_in(period))))
        .order_by()
        if with_places
        else []
    )
    by_code = {child.code: Row(child) for child in children}
    own = Row(None)

    def row_for(code: str) -> Row | None:
        return own if code == "" else by_code.get(code)

    for found in done:
        if (row := row_for(found["segment"])) is not None:
            row.done += found["done"]
            row.inspected += found["own_inspected"] if row is own else found["inspected"]
    for name, counted in (("planned", planned), ("overdue", overdue)):
        for item in counted:
            if (row := row_for(item["segment"])) is not None:
                setattr(row, name, getattr(row, name) + item["n"])
    for found in places:
        if (row := row_for(found["segment"])) is not None:
            row.places += found["n"]
            row.places_inspected += found["inspected"]
    result = Coverage(unit=unit, period=period, today=today, own=own, rows=list(by_code.values()))
    for row in [*result.rows, own]:
        result.total.add(row)
    return result


def _inspected_in(period: Period) -> Exists:
    """Whether the place (the outer row) was inspected in the period: one index probe."""
    return Exists(Inspection.objects.filter(done_in(period), target_place=OuterRef("pk")))


def uninspected_places(unit: AdminUnit, period: Period) -> QuerySet:  # type: ignore[type-arg]
    """Places in service under the unit with no inspection done in the period."""
    return (
        places_in_service()
        .filter(unit_path__under=unit.path)
        .exclude(_inspected_in(period))
        .select_related("type", "unit")
        .order_by("unit_path", "name", "pk")
    )


class KnownCount:
    """A queryset whose length the grouped counts already tell, so paging it costs no COUNT."""

    def __init__(self, queryset: QuerySet, count: int) -> None:  # type: ignore[type-arg]
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list[Any]:
        return list(self.queryset[index])


def overdue_follow_ups(user: AnyUser, unit: AdminUnit, today: date) -> QuerySet[Inspection]:
    """Inspections under the unit whose fixes were due before today and are not closed."""
    return (
        visible_inspections(user)
        .filter(overdue_q(today), target_path__under=unit.path)
        .select_related("unit", "target_unit", "target_place")
        .order_by("fix_by", "pk")
    )
