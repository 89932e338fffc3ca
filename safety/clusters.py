"""Counts of public places per map cell and state (MapCell), for maps at low zoom.

Each grid is a square lattice of `GRID_SIZES[grid]` degrees. Single saves keep the counts up
to date through signals (safety/signals.py); bulk writes (imports, expiry) call `rebuild()`.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, IntegerField, Sum
from django.db.models.functions import Cast, Floor

from .models import Establishment, MapCell, OperatingStatus, Registration

GRID_SIZES = [0.5, 0.1, 0.02]


@dataclass(frozen=True)
class Presence:
    """Where a place counts on the map, and as what."""

    state: str
    latitude: float
    longitude: float


def presence(place: Establishment) -> Presence | None:
    if place.registration != Registration.ACCEPTED or place.status == OperatingStatus.CLOSED:
        return None
    return Presence(place.state, float(place.latitude), float(place.longitude))


def cell_of(grid: int, latitude: float, longitude: float) -> tuple[int, int]:
    size = GRID_SIZES[grid]
    return math.floor(longitude / size), math.floor(latitude / size)


def _bump(grid: int, where: Presence, sign: int) -> None:
    x, y = cell_of(grid, where.latitude, where.longitude)
    cell, _created = MapCell.objects.select_for_update().get_or_create(grid=grid, x=x, y=y, state=where.state)
    MapCell.objects.filter(pk=cell.pk).update(
        count=F("count") + sign,
        latitude_sum=F("latitude_sum") + sign * where.latitude,
        longitude_sum=F("longitude_sum") + sign * where.longitude,
    )


@transaction.atomic
def move(before: Presence | None, after: Presence | None) -> None:
    """Move one place from where it counted to where it counts now (either may be None)."""
    if before == after:
        return
    for grid in range(len(GRID_SIZES)):
        if before is not None:
            _bump(grid, before, -1)
        if after is not None:
            _bump(grid, after, +1)


@transaction.atomic
def rebuild() -> int:
    """Recount every cell from the places themselves; returns the number of cells."""
    public = Establishment.objects.filter(registration=Registration.ACCEPTED).exclude(status=OperatingStatus.CLOSED)
    MapCell.objects.all().delete()
    cells: list[MapCell] = []
    for grid, size in enumerate(GRID_SIZES):
        step = Decimal(str(size))
        rows = (
            public.annotate(
                cx=Cast(Floor(F("longitude") / step), IntegerField()),
                cy=Cast(Floor(F("latitude") / step), IntegerField()),
            )
            .values("cx", "cy", "state")
            .annotate(n=Count("id"), lat=Sum("latitude"), lon=Sum("longitude"))
        )
        cells.extend(
            MapCell(
                grid=grid,
                x=row["cx"],
                y=row["cy"],
                state=row["state"],
                count=row["n"],
                latitude_sum=float(row["lat"]),
                longitude_sum=float(row["lon"]),
            )
            for row in rows
        )
    MapCell.objects.bulk_create(cells, batch_size=2000)
    return len(cells)
