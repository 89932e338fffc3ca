"""Counts of public places per map cell and state (MapCell), for maps at low zoom, and per
unit and state (UnitStateCount), for the public summaries.

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

from django.db import connection, transaction
from django.db.models import Count

from lib import publiccache

from .models import Establishment, MapCell, OperatingStatus, Registration, UnitStateCount

GRID_SIZES = [0.5, 0.1, 0.02]


@dataclass(frozen=True)
class Presence:
    """Where a place counts on the map and in the summaries, and as what."""

    state: str
    latitude: float
    longitude: float
    unit_path: str


def presence(place: Establishment) -> Presence | None:
    if place.registration != Registration.ACCEPTED or place.status == OperatingStatus.CLOSED:
        return None
    return Presence(place.state, float(place.latitude), float(place.longitude), place.unit_path)


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


Key = tuple[int, int, int, str]
UnitKey = tuple[str, str]


def _tally(totals: dict[Key, list[float]], where: Presence, sign: int, units: dict[UnitKey, int]) -> None:
    units[(where.unit_path, where.state)] += sign
    for grid in range(len(GRID_SIZES)):
        x, y = cell_of(grid, where.latitude, where.longitude)
        total = totals[(grid, x, y, where.state)]
        total[0] += sign
        total[1] += sign * where.latitude
        total[2] += sign * where.longitude


def _apply(totals: dict[Key, list[float]]) -> None:
    """Add the deltas to their cells in one upsert per few hundred cells: a missing cell is
    created, an existing one incremented in place (no read, no lost update under concurrency)."""
    changed = [(key, total) for key, total in totals.items() if any(total)]
    table = connection.ops.quote_name(MapCell._meta.db_table)
    for start in range(0, len(changed), 500):
        chunk = changed[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        params = [v for (grid, x, y, state), (n, lat, lon) in chunk for v in (grid, x, y, state, int(n), lat, lon)]
        sql = (
            f"INSERT INTO {table} (grid, x, y, state, count, latitude_sum, longitude_sum) VALUES {values} "  # noqa: S608 — fixed table, placeholders
            "ON CONFLICT (grid, x, y, state) DO UPDATE SET "
            f"count = {table}.count + excluded.count, "
            f"latitude_sum = {table}.latitude_sum + excluded.latitude_sum, "
            f"longitude_sum = {table}.longitude_sum + excluded.longitude_sum"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _apply_units(units: dict[UnitKey, int]) -> None:
    """The same upsert for the per-unit counts."""
    changed = [(key, n) for key, n in units.items() if n]
    table = connection.ops.quote_name(UnitStateCount._meta.db_table)
    for start in range(0, len(changed), 500):
        chunk = changed[start : start + 500]
        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
        params = [v for (path, state), n in chunk for v in (path, state, n)]
        sql = (
            f"INSERT INTO {table} (unit_path, state, count) VALUES {values} "  # noqa: S608 — fixed table, placeholders
            f"ON CONFLICT (unit_path, state) DO UPDATE SET count = {table}.count + excluded.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def move(before: Presence | None, after: Presence | None) -> None:
    """Move one place from where it counted to where it counts now (either may be None); a
    place that stays where it counted (most re-assessments) costs nothing."""
    if before != after:
        _move(before, after)


@transaction.atomic
def _move(before: Presence | None, after: Presence | None) -> None:
    publiccache.bump("places")
    totals: dict[Key, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    units: dict[UnitKey, int] = defaultdict(int)
    if before is not None:
        _tally(totals, before, -1, units)
    if after is not None:
        _tally(totals, after, +1, units)
    _apply(totals)
    _apply_units(units)


@transaction.atomic
def add(places: Iterable[Presence | None]) -> int:
    """Count many new places in, summed per cell first: one statement per few hundred cells
    touched, whatever the number of places. Returns the number of cells touched."""
    totals: dict[Key, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    units: dict[UnitKey, int] = defaultdict(int)
    for where in places:
        if where is not None:
            _tally(totals, where, +1, units)
    _apply(totals)
    _apply_units(units)
    publiccache.bump("places", "all-places")  # bulk-created places send no signal of their own
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
    UnitStateCount.objects.all().delete()
    by_unit = public.order_by().values_list("unit_path", "state").annotate(n=Count("id"))
    UnitStateCount.objects.bulk_create(
        (UnitStateCount(unit_path=path, state=state, count=n) for path, state, n in by_unit), batch_size=2000
    )
    publiccache.bump("places", "all-places")  # bulk writes (imports, expiry) end here
    return len(totals)
