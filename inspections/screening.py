"""Progress of a door-to-door screening campaign per village, commune and district, and the
villages lagging behind. One grouped query over the campaign's days; counts only."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, OuterRef, Subquery, Sum

from territory.models import AdminUnit, Level

from .models import ScreeningCampaign, ScreeningDay

# A village is lagging when the share of its households visited trails the share of the
# campaign's days gone by more than this many percentage points, or when it has not reported.
LAG_MARGIN = 10


@dataclass
class Tally:
    households: int = 0
    visited: int = 0
    screened: int = 0
    referred: int = 0

    @property
    def coverage(self) -> float | None:
        """Households visited per 100 households (revisits do not push it over 100)."""
        if not self.households:
            return None
        return round(100 * min(self.visited, self.households) / self.households, 1)

    def add(self, other: "Tally") -> None:
        self.households += other.households
        self.visited += min(other.visited, other.households)
        self.screened += other.screened
        self.referred += other.referred


@dataclass
class VillageProgress:
    village: AdminUnit
    tally: Tally
    days_reported: int
    last_day: date | None
    lagging: bool = False


@dataclass
class AreaProgress:
    unit: AdminUnit
    tally: Tally = field(default_factory=Tally)
    villages: list[VillageProgress] = field(default_factory=list)

    @property
    def lagging(self) -> list[VillageProgress]:
        return [v for v in self.villages if v.lagging]

    @property
    def reported(self) -> int:
        return sum(1 for v in self.villages if v.days_reported)


@dataclass
class Progress:
    campaign: ScreeningCampaign
    today: date
    expected: float  # percent of the campaign's days gone by
    total: AreaProgress
    areas: list[AreaProgress]  # communes of a district's campaign; the commune itself otherwise

    @property
    def lagging(self) -> list[VillageProgress]:
        found = [v for area in self.areas for v in area.lagging]
        return sorted(found, key=lambda v: (v.tally.coverage or 0, v.village.path))


def expected_share(campaign: ScreeningCampaign, today: date) -> float:
    total = (campaign.period_end - campaign.period_start).days + 1
    gone = min(max((today - campaign.period_start).days + 1, 0), total)
    return round(100 * gone / total, 1)


def progress(campaign: ScreeningCampaign, today: date) -> Progress:
    latest_households = (
        ScreeningDay.objects.filter(campaign=campaign, village=OuterRef("village"))
        .order_by("-day")
        .values("households")[:1]
    )
    rows = (
        ScreeningDay.objects.filter(campaign=campaign)
        .values("village")
        .annotate(
            visited=Sum("households_visited"),
            screened=Sum("people_screened"),
            referred=Sum("people_referred"),
            days=Count("pk"),
            last_day=Max("day"),
            households=Subquery(latest_households),
        )
        .order_by()
    )
    found = {row["village"]: row for row in rows}
    villages = (
        AdminUnit.objects.filter(path__under=campaign.unit_path, level=Level.VILLAGE)
        .select_related("parent")
        .order_by("path")
    )
    expected = expected_share(campaign, today)
    started = today >= campaign.period_start
    areas: dict[int, AreaProgress] = {}
    if campaign.unit.level == Level.DISTRICT:
        for commune in campaign.unit.children.order_by("code"):
            areas[commune.pk] = AreaProgress(commune)
    else:
        areas[campaign.unit.pk] = AreaProgress(campaign.unit)
    total = AreaProgress(campaign.unit)
    for village in villages:
        row = found.get(village.pk)
        tally = Tally(
            households=row["households"] or 0 if row else 0,
            visited=row["visited"] or 0 if row else 0,
            screened=row["screened"] or 0 if row else 0,
            referred=row["referred"] or 0 if row else 0,
        )
        item = VillageProgress(village, tally, row["days"] if row else 0, row["last_day"] if row else None)
        coverage = tally.coverage or 0
        item.lagging = started and (item.days_reported == 0 or coverage < expected - LAG_MARGIN)
        area = areas.get(village.parent_id) or areas.setdefault(village.parent_id, AreaProgress(village.parent))  # type: ignore[arg-type]
        area.villages.append(item)
        area.tally.add(tally)
        total.villages.append(item)
        total.tally.add(tally)
    return Progress(campaign, today, expected, total, list(areas.values()))
