"""Bulk import of places from an XLSX or CSV file: check every row, then write all or the good rows.

Checking streams the file in chunks: each chunk looks up its unit codes and the places already
registered in those units in a few queries, so a province's file of tens of thousands of rows
is checked in seconds and a file of bad rows keeps only the first MAX_LISTED messages.
"""

import json
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import islice
from typing import IO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from audit.models import Action, AuditEntry, Source
from lib import bulk
from lib.acting import current_actor
from lib.tabular import CheckedFile, RowError, TableError, cell_of, quote, table
from lib.text import fold
from territory.models import AdminUnit

from .. import clusters
from ..models import Establishment, EstablishmentType, Registration, new_public_code
from ..places import PLACE_UNIT_LEVELS, STATUS_NAMES, duplicate_key
from .registration import LIMITS, check_capacity, check_coordinates, check_phone

# The template's headers first; English names and a few usual variants are accepted too.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Tên cơ sở", "name", "Tên"),
    "type": ("Loại hình", "type", "Loại hình cơ sở"),
    "unit": ("Mã đơn vị", "unit", "unit_code", "Mã xã", "Mã đơn vị hành chính"),
    "address": ("Địa chỉ", "address"),
    "latitude": ("Vĩ độ", "latitude", "lat"),
    "longitude": ("Kinh độ", "longitude", "lon"),
    "capacity": ("Quy mô (người)", "capacity", "Quy mô", "Số người"),
    "contact_name": ("Người liên hệ", "contact_name"),
    "contact_phone": ("Điện thoại", "contact_phone", "phone", "Số điện thoại"),
    "status": ("Tình trạng", "status"),
}
REQUIRED = {"name", "type", "unit"}
HEADERS = [names[0] for names in COLUMNS.values()]
MAX_ROWS = 200_000
CHUNK = 1_000
BATCH = 1_000

Progress = Callable[[str, int, int | None], None]


@dataclass(slots=True)
class PlaceRow:
    row: int
    name: str
    type_id: int
    unit_id: int
    unit_path: str
    address: str
    latitude: Decimal
    longitude: Decimal
    approximate: bool
    capacity: int | None
    contact_name: str
    contact_phone: str
    status: str


Places = CheckedFile[PlaceRow]


@dataclass
class ImportOutcome:
    created: int
    skipped: int


def may_import(user: User) -> bool:
    return user.is_superuser or bool(jurisdiction.unit_paths(user, jurisdiction.CHANGE_ROLES))


def _names(values: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {fold(name): code for code, name in values}


def _type_lookup() -> dict[str, int]:
    found: dict[str, int] = {}
    for kind in EstablishmentType.objects.all():
        for name in (kind.code, kind.name, kind.name_en):
            if name:
                found.setdefault(fold(name), kind.pk)
    return found


def _status_lookup() -> dict[str, str]:
    found = _names((code, code) for code in STATUS_NAMES)
    for code, names in STATUS_NAMES.items():
        found.update(_names((code, name) for name in names))
    return found


@dataclass
class _UnitInfo:
    pk: int
    path: str
    level: str
    location: tuple[Decimal, Decimal] | None


class _Lookups:
    """Units, their locations and the places already registered in them, loaded chunk by chunk."""

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        self.units: dict[str, _UnitInfo | None] = {}
        self.existing: dict[tuple[int, str, str], str] = {}
        self.loaded_units: set[int] = set()

    def load(self, codes: set[str]) -> None:
        wanted = codes - self.units.keys()
        if not wanted:
            return
        rows = list(
            AdminUnit.objects.filter(scheme=self.scheme, code__in=wanted).values_list(
                "code", "pk", "path", "level", "latitude", "longitude"
            )
        )
        ancestor_paths = {
            prefix
            for _code, _pk, path, _level, lat, lon in rows
            if lat is None or lon is None
            for prefix in _prefixes(path)
        }
        ancestors = {
            path: (lat, lon)
            for path, lat, lon in AdminUnit.objects.filter(path__in=ancestor_paths).values_list(
                "path", "latitude", "longitude"
            )
            if lat is not None and lon is not None
        }
        for code in wanted:
            self.units[code] = None
        for code, pk, path, level, lat, lon in rows:
            location = (lat, lon) if lat is not None and lon is not None else None
            if location is None:
                location = next((ancestors[p] for p in reversed(_prefixes(path)) if p in ancestors), None)
            self.units[code] = _UnitInfo(pk, path, level, location)
        new_ids = {info.pk for info in self.units.values() if info is not None} - self.loaded_units
        places = (
            Establishment.objects.filter(unit_id__in=new_ids)
            .exclude(registration=Registration.REJECTED)
            .values_list("unit_id", "name", "address")
        )
        for unit_id, name, address in places.iterator(chunk_size=5000):
            self.existing.setdefault((unit_id, *duplicate_key(name, address)), name)
        self.loaded_units |= new_ids


def _prefixes(path: str) -> list[str]:
    """Paths of a unit's ancestors, widest first: legacy/67/ legacy/67/663/ …"""
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(1, len(parts) - 1)]


def _chunks(rows: Iterator[tuple[int, list[str]]], size: int) -> Iterator[list[tuple[int, list[str]]]]:
    while chunk := list(islice(rows, size)):
        yield chunk


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def estimate_rows(handle: IO[bytes], filename: str) -> int | None:
    """Rows under the header, for the progress bar: the XLSX sheet's recorded dimension (read
    from the first bytes of the sheet, not by parsing it) or the CSV's line count."""
    try:
        if filename.lower().endswith(".xlsx"):
            with zipfile.ZipFile(handle) as archive:
                sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
                with archive.open(sheets[0]) as sheet:
                    found = _DIMENSION.search(sheet.read(4096))
            return max(int(found.group(1)) - 1, 0) if found else None
        return max(handle.read().count(b"\n") - 1, 0)
    except (zipfile.BadZipFile, IndexError, KeyError, OSError):
        return None  # the check itself reports a broken file
    finally:
        handle.seek(0)


def check_places_file(
    handle: IO[bytes],
    filename: str,
    by: User,
    *,
    scheme: str | None = None,
    progress: Progress | None = None,
) -> Places:
    """Read every row; keep the good ones and, for each bad one, its row number and reason."""
    jurisdiction.require(may_import(by), _("Only officers import places."))
    scheme = scheme or settings.DEFAULT_SCHEME
    total = estimate_rows(handle, filename)
    result: Places = CheckedFile()
    try:
        columns, rows = table(handle, filename, COLUMNS, REQUIRED, rows=MAX_ROWS)
        checker = _RowChecker(by, scheme, columns)
        for chunk in _chunks(rows, CHUNK):
            checker.check_chunk(chunk, result)
            if progress:
                progress("checking", result.total, total)
    except TableError as exc:
        result.refuse(exc)
    if not result.file_error and not result.total:
        result.file_error = _("The file has no rows under its header.")
    return result


class _RowChecker:
    def __init__(self, by: User, scheme: str, columns: dict[str, int]) -> None:
        self.by = by
        self.columns = columns
        self.lookups = _Lookups(scheme)
        self.types = _type_lookup()
        self.statuses = _status_lookup()
        self.paths = None if by.is_superuser else jurisdiction.unit_paths(by, jurisdiction.CHANGE_ROLES)
        self.seen: dict[tuple[int, str, str], int] = {}

    def cell(self, cells: list[str], key: str) -> str:
        return cell_of(self.columns, cells, key)

    def check_chunk(self, chunk: list[tuple[int, list[str]]], result: Places) -> None:
        codes = {self.cell(cells, "unit") for _number, cells in chunk}
        # Excel drops the leading zeros of codes typed as numbers (00004 becomes 4).
        self.lookups.load(codes | {code.zfill(5) for code in codes if code.isdigit()})
        for number, cells in chunk:
            if any(c.strip() for c in cells):
                self.check_row(number, cells, result)

    def check_row(self, number: int, cells: list[str], result: Places) -> None:
        problems: list[str] = []
        name, address = self.cell(cells, "name"), self.cell(cells, "address")
        for key, text in (("name", name), ("address", address), ("contact_name", self.cell(cells, "contact_name"))):
            if len(text) > LIMITS[key]:
                problems.append(_("%(column)s is longer than %(limit)d characters") % _column(key, LIMITS[key]))
        if not name:
            problems.append(_("the name is missing"))
        kind_text = self.cell(cells, "type")
        type_id = self.types.get(fold(kind_text))
        if type_id is None:
            problems.append(_("no type of place is called %(type)s") % {"type": quote(kind_text)})
        code = self.cell(cells, "unit")
        unit = self.lookups.units.get(code)
        if unit is None and code.isdigit():
            unit = self.lookups.units.get(code.zfill(5))
        if not code:
            problems.append(_("the unit code is missing"))
        elif unit is None:
            problems.append(_("no unit has code %(code)s") % {"code": quote(code)})
        elif unit.level not in PLACE_UNIT_LEVELS:
            problems.append(_("unit %(code)s is not a commune or a village") % {"code": code})
        elif self.paths is not None and not any(unit.path.startswith(p) for p in self.paths):
            problems.append(_("unit %(code)s is outside your jurisdiction") % {"code": code})
            unit = None
        location, coordinate_errors = check_coordinates(self.cell(cells, "latitude"), self.cell(cells, "longitude"))
        problems.extend(coordinate_errors.values())
        if unit is not None and location is None and not coordinate_errors and unit.location is None:
            problems.append(_("no location is known for unit %(code)s: give the coordinates") % {"code": code})
        capacity, capacity_error = check_capacity(self.cell(cells, "capacity"))
        if capacity_error:
            problems.append(capacity_error)
        phone = self.cell(cells, "contact_phone")
        if phone_error := (check_phone(phone) if len(phone) <= 20 else _("the phone number is too long")):
            problems.append(phone_error)
        status_text = self.cell(cells, "status")
        status = self.statuses.get(fold(status_text)) if status_text else "operating"
        if status is None:
            problems.append(_("status %(status)s is not one of: %(values)s") % _statuses(status_text))
        if unit is not None and name:
            place_key = (unit.pk, *duplicate_key(name, address))
            if place_key in self.seen:
                problems.append(_("the same place as row %(row)d") % {"row": self.seen[place_key]})
            elif place_key in self.lookups.existing:
                problems.append(
                    _("already registered in this unit as “%(name)s”") % {"name": self.lookups.existing[place_key]}
                )
            else:
                self.seen[place_key] = number
        if problems or unit is None or type_id is None or status is None:
            result.add_error(number, "; ".join(problems))
            return
        lat, lon = location if location is not None else unit.location  # type: ignore[misc]
        result.rows.append(
            PlaceRow(
                row=number,
                name=name,
                type_id=type_id,
                unit_id=unit.pk,
                unit_path=unit.path,
                address=address,
                latitude=Decimal(lat).quantize(Decimal("0.000001")),
                longitude=Decimal(lon).quantize(Decimal("0.000001")),
                approximate=location is None,
                capacity=capacity,
                contact_name=self.cell(cells, "contact_name"),
                contact_phone=phone,
                status=status,
            )
        )


def _column(key: str, limit: int) -> dict[str, object]:
    return {"column": COLUMNS[key][0], "limit": limit}


def _statuses(text: str) -> dict[str, str]:
    return {"status": quote(text), "values": ", ".join(names[0] for names in STATUS_NAMES.values())}


def _unique_codes(places: list[Establishment]) -> None:
    """Public codes are random; give a new one to any that is taken already or twice in the batch."""
    while True:
        codes = [place.public_code for place in places]
        taken = set(Establishment.objects.filter(public_code__in=codes).values_list("public_code", flat=True))
        seen: set[str] = set()
        clash = False
        for place in places:
            if place.public_code in taken or place.public_code in seen:
                place.public_code = new_public_code()
                clash = True
            seen.add(place.public_code)
        if not clash:
            return


def dump_checked(checked: Places) -> bytes:
    """The outcome of a check as JSON, so that the import after a dry run need not read the file again."""
    names = [column.name for column in fields(PlaceRow)]
    rows = [[getattr(row, name) for name in names] for row in checked.rows]
    errors = [[error.row, error.message] for error in checked.errors]
    data = {
        "rows": rows,
        "errors": errors,
        "error_count": checked.error_count,
        "file_error": checked.file_error,
        "file_status": checked.file_status,
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def load_checked(raw: bytes) -> Places:
    data = json.loads(raw)
    rows = []
    for values in data["rows"]:
        row = PlaceRow(*values)
        row.latitude, row.longitude = Decimal(row.latitude), Decimal(row.longitude)
        rows.append(row)
    errors = [RowError(number, message) for number, message in data["errors"]]
    return CheckedFile(
        rows=rows,
        errors=errors,
        error_count=data["error_count"],
        file_error=data["file_error"],
        file_status=data.get("file_status", 422),
    )


def recheck(checked: Places, by: User) -> Places:
    """Check again what may have changed since a dry run: the user's jurisdiction, and places
    registered meanwhile in the same units."""
    jurisdiction.require(may_import(by), _("Only officers import places."))
    paths = None if by.is_superuser else jurisdiction.unit_paths(by, jurisdiction.CHANGE_ROLES)
    unit_ids = sorted({row.unit_id for row in checked.rows})
    existing: dict[tuple[int, str, str], str] = {}
    for start in range(0, len(unit_ids), CHUNK):
        places = (
            Establishment.objects.filter(unit_id__in=unit_ids[start : start + CHUNK])
            .exclude(registration=Registration.REJECTED)
            .values_list("unit_id", "name", "address")
        )
        for unit_id, name, address in places.iterator(chunk_size=5000):
            existing.setdefault((unit_id, *duplicate_key(name, address)), name)
    result: Places = CheckedFile(
        errors=list(checked.errors),
        error_count=checked.error_count,
        file_error=checked.file_error,
        file_status=checked.file_status,
    )
    for row in checked.rows:
        key = (row.unit_id, *duplicate_key(row.name, row.address))
        if paths is not None and not any(row.unit_path.startswith(path) for path in paths):
            result.add_error(row.row, _("the unit is outside your jurisdiction"))
        elif key in existing:
            result.add_error(row.row, _("already registered in this unit as “%(name)s”") % {"name": existing[key]})
        else:
            result.rows.append(row)
    result.errors.sort(key=lambda error: error.row or 0)
    return result


def import_places(
    checked: Places,
    by: User,
    *,
    filename: str,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    start: int = 0,
) -> ImportOutcome:
    """Create the checked places, accepted, from good row `start` on (0, or where an interrupted
    import stopped), in batches. Each batch commits with its map counts and with its progress
    report, so a batch is never half written and the count reported is where a resumed import
    starts. A file with bad rows imports nothing unless the good rows are asked for. One audit
    entry sums the import up."""
    jurisdiction.require(may_import(by), _("Only officers import places."))
    checked.require_importable(skip_bad_rows=skip_bad_rows)
    created_ids: list[int] = []
    rows = checked.rows
    for first in range(start, len(rows), BATCH):
        batch = [_place(row, by) for row in rows[first : first + BATCH]]
        with transaction.atomic():
            _unique_codes(batch)
            bulk.insert(Establishment, batch)
            codes = [place.public_code for place in batch]
            created_ids.extend(Establishment.objects.filter(public_code__in=codes).values_list("pk", flat=True))
            clusters.add(clusters.presence(place) for place in batch)
            if progress:
                progress("importing", first + len(batch), len(rows))
    outcome = ImportOutcome(created=len(rows), skipped=checked.error_count)
    _record_import(by, filename, outcome, created_ids)
    return outcome


def _place(row: PlaceRow, by: User) -> Establishment:
    return Establishment(
        name=row.name,
        type_id=row.type_id,
        unit_id=row.unit_id,
        unit_path=row.unit_path,
        address=row.address,
        latitude=row.latitude,
        longitude=row.longitude,
        location_approximate=row.approximate,
        capacity=row.capacity,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        status=row.status,
        registration=Registration.ACCEPTED,
        created_by=by,
    )


def _record_import(by: User, filename: str, outcome: ImportOutcome, ids: list[int]) -> None:
    """One audit entry for the whole import: the signals that audit single saves do not fire."""
    actor = current_actor()
    AuditEntry.objects.create(
        actor=by,
        actor_name=by.get_username()[:150],
        source=actor.source if actor else Source.COMMAND,
        action=Action.CREATE,
        content_type=ContentType.objects.get_for_model(Establishment),
        object_id=f"import-{secrets.token_hex(6)}",
        object_repr=(_("Import of %(count)d places from %(file)s") % {"count": outcome.created, "file": filename})[
            :200
        ],
        before=None,
        after={
            "file": filename,
            "created": outcome.created,
            "skipped_bad_rows": outcome.skipped,
            "first_id": min(ids) if ids else None,
            "last_id": max(ids) if ids else None,
        },
    )
