"""What other apps read of the case counts: the cases of every commune and village of a tree
over the window the risk levels count (readiness derives each unit's scenario from them)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from territory.models import AdminUnit

from .computing import NoFramework, framework_of, province_of, window
from .models import CaseCount, ProvinceLevels

DEFAULT_WINDOW_DAYS = 14


@dataclass
class RecentCases:
    first: date
    last: date
    # commune id → its cases (its villages' included); village id → the village's own
    by_commune: dict[int, int] = field(default_factory=dict)
    by_village: dict[int, int] = field(default_factory=dict)


def recent_cases(unit: AdminUnit, as_of: date | None = None) -> RecentCases:
    """The confirmed cases under `unit` over the province's level window, up to the day its
    levels were last computed for (today when never): the same figures the levels are from."""
    state = ProvinceLevels.objects.filter(province=province_of(unit)).select_related("framework").first()
    as_of = as_of or (state.last_as_of if state and state.last_as_of else timezone.localdate())
    try:
        first, last = window(framework_of(state), as_of)
    except NoFramework:
        first, last = as_of - timedelta(days=DEFAULT_WINDOW_DAYS - 1), as_of
    rows = (
        CaseCount.objects.filter(unit_path__under=unit.path, date__gte=first, date__lte=last)
        .values("unit_id", "commune_id")
        .annotate(total=Sum("cases"))
    )
    found = RecentCases(first, last)
    for row in rows:
        found.by_commune[row["commune_id"]] = found.by_commune.get(row["commune_id"], 0) + row["total"]
        if row["unit_id"] != row["commune_id"]:
            found.by_village[row["unit_id"]] = row["total"]
    return found
