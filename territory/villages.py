"""Checking a villages file (CSV or XLSX) row by row before anything is written."""

from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from lib.tabular import CheckedFile, TableError, cell_of, quote, table
from lib.text import fold

from .models import VILLAGE_TYPES, AdminUnit, Level

COLUMNS = {
    "commune_code": ("Mã xã", "commune_code", "Mã đơn vị cấp xã", "commune code"),
    "name": ("Tên thôn", "village_name", "name", "Tên thôn, tổ dân phố", "village name"),
    "type": ("Loại", "type", "Loại thôn"),
    "population": ("Dân số", "population"),
}
REQUIRED = {"commune_code", "name", "type"}
MAX_POPULATION = 1_000_000
_TYPES = {fold(name): name for name in VILLAGE_TYPES}


@dataclass
class VillageRow:
    row: int
    commune: AdminUnit
    name: str
    type_name: str
    population: int | None


VillageFile = CheckedFile[VillageRow]


def check_villages_file(handle: IO[bytes], filename: str, scheme: str, within: AdminUnit | None = None) -> VillageFile:
    """Read every row, keep the good ones and a message with its row number for every bad one."""
    result: VillageFile = CheckedFile()
    try:
        columns, rows = table(handle, filename, COLUMNS, REQUIRED)
        communes = {
            u.code: u for u in AdminUnit.objects.filter(scheme=scheme, level__in=[Level.COMMUNE, Level.VILLAGE])
        }
        seen: set[tuple[str, str]] = set()
        for number, cells in rows:
            _check_row(result, number, cells, columns, communes, within, seen)
    except TableError as exc:
        result.refuse(exc)
    if not result.file_error and not result.total:
        result.file_error = _("The file has no village rows under its header.")
    return result


def _check_row(
    result: VillageFile,
    number: int,
    cells: list[str],
    columns: dict[str, int],
    communes: dict[str, AdminUnit],
    within: AdminUnit | None,
    seen: set[tuple[str, str]],
) -> None:
    def cell(key: str) -> str:
        return cell_of(columns, cells, key)

    if not any(c.strip() for c in cells):
        return
    problems: list[str] = []
    code, name, kind, population_text = cell("commune_code"), cell("name"), cell("type"), cell("population")
    commune = communes.get(code)
    if not code:
        problems.append(_("commune code is missing"))
    elif commune is None or commune.level != Level.COMMUNE:
        problems.append(_("no commune has code %(code)s") % {"code": quote(code)})
    elif within is not None and not commune.is_within(within):
        problems.append(_("commune %(code)s is outside %(unit)s") % {"code": quote(code), "unit": within.name})
    if not name:
        problems.append(_("village name is missing"))
    elif len(name) > 120:
        problems.append(_("village name is longer than 120 characters"))
    type_name = _TYPES.get(fold(kind))
    if type_name is None:
        problems.append(
            _("type %(type)s is not one of: %(types)s") % {"type": quote(kind), "types": ", ".join(VILLAGE_TYPES)}
        )
    population: int | None = None
    if population_text:
        try:
            population = int(population_text.replace(".", "").replace(",", "").replace(" ", ""))
        except ValueError:
            problems.append(_("population %(value)s is not a whole number") % {"value": quote(population_text)})
        else:
            if not 0 <= population <= MAX_POPULATION:
                problems.append(_("population must be between 0 and %(max)s") % {"max": f"{MAX_POPULATION:,}"})
    key = (code, fold(name))
    if name and commune and key in seen:
        problems.append(_("village %(name)s appears twice for this commune") % {"name": name})
    seen.add(key)
    if problems:
        result.add_error(number, "; ".join(problems))
    elif commune is not None and type_name is not None:
        result.rows.append(VillageRow(number, commune, name, type_name, population))
