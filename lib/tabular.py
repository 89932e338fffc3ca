"""Read uploaded CSV or XLSX files as rows of text, for imports that report every bad row."""

import csv
import io
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from lib.text import fold


class TableError(ValueError):
    """The file as a whole cannot be read (wrong format, wrong headers)."""


def read_rows(handle: IO[bytes], filename: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number as a spreadsheet shows it, cells as stripped text), header included."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        yield from _read_xlsx(handle)
    elif name.endswith(".csv"):
        yield from _read_csv(handle)
    else:
        raise TableError(_("Only .csv and .xlsx files can be imported."))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableError(_("The file is not a readable Excel (.xlsx) workbook.")) from exc
    sheet = workbook.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [_cell(value) for value in row]
    workbook.close()


def _read_csv(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(_("The CSV file must be saved as UTF-8.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        yield number, [cell.strip() for cell in row]


def match_headers(header: list[str], columns: dict[str, tuple[str, ...]], required: set[str]) -> dict[str, int]:
    """Map each known column to its index, accepting Vietnamese or English header names."""
    found: dict[str, int] = {}
    folded = [fold(cell) for cell in header]
    for key, names in columns.items():
        for index, cell in enumerate(folded):
            if cell in {fold(name) for name in names}:
                found[key] = index
                break
    missing = required - found.keys()
    if missing:
        expected = ", ".join(columns[key][0] for key in columns if key in missing)
        raise TableError(_("The header row is missing the columns: %(columns)s.") % {"columns": expected})
    return found
