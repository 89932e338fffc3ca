"""Counts of public places per map cell and state (MapCell), for maps at low zoom.

Each grid is a square lattice of `GRID_SIZES[grid]` degrees. Every action that writes a place
moves it explicitly: `stored()` before the write, `move(before, presence(place))` after; bulk
writes (imports) `add()` the new places, and expiry calls `rebuild()`. These are derived
counters, not a person's change: the audit trail does not record them.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from lib import publiccache

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


def stored(pk: int | None) -> Presence | None:
    """Where the place counts now according to the database (None for a new place), read
    under a row lock so that two writers of the same place cannot both move it."""
    if pk is None:
        return None
    place = Establishment.objects.select_for_update().filter(pk=pk).first()
    return presence(place) if place is not None else None


def cell_of(grid: int, latitude: float | Decimal, longitude: float | Decimal) -> tuple[int, int]:
    # Decimal, as in the database: in floats 107.6 / 0.1 is 1075.999…, in SQL it is 1076.
    size = Decimal(str(GRID_SIZES[grid]))
    return math.floor(Decimal(str(longitude)) / size), math.floor(Decimal(str(latitude)) / size)


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
    publiccache.bump("places")
    for grid in range(len(GRID_SIZES)):
        if before is not None:
            _bump(grid, before, -1)
        if after is not None:
            _bump(grid, after, +1)


@transaction.atomic
def add(places: Iterable[Presence | None]) -> int:
    """Count many new places in: the deltas are summed per cell first, then each affected cell
    is read once and written once (created when new). Returns the number of cells touched."""
    totals: dict[tuple[int, int, int, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for where in places:
        if where is None:
            continue
        for grid in range(len(GRID_SIZES)):
            x, y = cell_of(grid, where.latitude, where.longitude)
            total = totals[(grid, x, y, where.state)]
            total[0] += 1
            total[1] += where.latitude
            total[2] += where.longitude
    if not totals:
        return 0
    found: dict[tuple[int, int, int, str], MapCell] = {}
    for grid in range(len(GRID_SIZES)):
        keys = [key for key in totals if key[0] == grid]
        if not keys:
            continue
        xs, ys = {key[1] for key in keys}, {key[2] for key in keys}
        cells = MapCell.objects.select_for_update().filter(grid=grid, x__in=xs, y__in=ys)
        for cell in cells:
            key = (cell.grid, cell.x, cell.y, cell.state)
            if key in totals:
                found[key] = cell
    for key, cell in found.items():
        n, latitude, longitude = totals[key]
        cell.count += int(n)
        cell.latitude_sum += latitude
        cell.longitude_sum += longitude
    MapCell.objects.bulk_update(found.values(), ["count", "latitude_sum", "longitude_sum"], batch_size=1000)
    MapCell.objects.bulk_create(
        (
            MapCell(grid=grid, x=x, y=y, state=state, count=int(n), latitude_sum=lat, longitude_sum=lon)
            for (grid, x, y, state), (n, lat, lon) in totals.items()
            if (grid, x, y, state) not in found
        ),
        batch_size=1000,
    )
    return len(totals)


@transaction.atomic
def rebuild() -> int:
    """Recount every cell from the places themselves; returns the number of cells.

    Cells are computed here rather than in SQL so that they match `cell_of` exactly: SQLite
    divides decimals as floats, PostgreSQL as numerics, and a place on a cell edge must land
    in the same cell whichever counted it.
    """
    public = Establishment.objects.filter(registration=Registration.ACCEPTED).exclude(status=OperatingStatus.CLOSED)
    totals: dict[tuple[int, int, int, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    rows = public.values_list("latitude", "longitude", "state").iterator(chunk_size=20_000)
    for latitude, longitude, state in rows:
        for grid in range(len(GRID_SIZES)):
            x, y = cell_of(grid, latitude, longitude)
            total = totals[(grid, x, y, state)]
            total[0] += 1
            total[1] += float(latitude)
            total[2] += float(longitude)
    MapCell.objects.all().delete()
    MapCell.objects.bulk_create(
        (
            MapCell(grid=grid, x=x, y=y, state=state, count=int(n), latitude_sum=lat, longitude_sum=lon)
            for (grid, x, y, state), (n, lat, lon) in totals.items()
        ),
        batch_size=2000,
    )
    publiccache.bump("places", "all-places")  # bulk writes (imports, expiry) end here
    return len(totals)
