"""The tabular import pipeline every import shares: read an uploaded CSV or XLSX within limits,
match its headers, keep every good row and every bad one with its row number, and refuse a
file that cannot be imported.

Limits are checked before the file is read whole: the bytes uploaded, the bytes the XLSX's zip
would unpack to (from the zip's directory, before openpyxl opens it), then while streaming the
rows, cells per row and characters per cell. A file over a size limit is refused with 413, any
other unreadable file with 422; no message quotes the offending content.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Generic, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

from lib.text import fold

MAX_LISTED = 1_000  # bad rows listed in full; the others are counted


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    unzipped_bytes: int
    rows: int
    cells_per_row: int
    chars_per_cell: int


def limits(**overrides: int) -> Limits:
    """The project's import limits (settings IMPORT_MAX_*), with an import's own overrides."""
    values = {
        "upload_bytes": settings.IMPORT_MAX_UPLOAD_BYTES,
        "unzipped_bytes": settings.IMPORT_MAX_UNZIPPED_BYTES,
        "rows": settings.IMPORT_MAX_ROWS,
        "cells_per_row": settings.IMPORT_MAX_CELLS_PER_ROW,
        "chars_per_cell": settings.IMPORT_MAX_CHARS_PER_CELL,
    }
    values.update(overrides)
    return Limits(**values)


class TableError(ValueError):
    """The file as a whole cannot be imported (wrong format, wrong headers, a limit); 422."""

    status = 422


class TooLarge(TableError):
    """The file is larger than an import accepts, uploaded or unpacked; 413."""

    status = 413


class ImportRefused(Exception):
    """An import that would write nothing, or only part of a file nobody asked to split."""


@dataclass
class RowError:
    """A problem of one row (None: of the file or sheet as a whole); `sheet` names the sheet
    of a workbook read sheet by sheet."""

    row: int | None
    message: str
    sheet: str = ""


Row = TypeVar("Row")


@dataclass
class CheckedFile(Generic[Row]):
    """The outcome of checking a file: the good rows, the bad ones (the first MAX_LISTED with
    their messages, all of them counted), or why the file as a whole cannot be imported."""

    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    file_error: str = ""
    file_status: int = 422

    @property
    def total(self) -> int:
        return len(self.rows) + self.error_count

    @property
    def has_errors(self) -> bool:
        return bool(self.error_count or self.file_error)

    @property
    def form_status(self) -> int:
        """The status of a page showing the refused file in its form: 413 when too large, else 400."""
        return 413 if self.file_status == 413 else 400

    def add_error(self, row: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED:
            self.errors.append(RowError(row, message))

    def refuse(self, error: TableError) -> None:
        self.file_error = str(error)
        self.file_status = error.status

    def require_importable(self, *, skip_bad_rows: bool, allow_none: bool = False) -> None:
        """ImportRefused unless every row is good, or the good rows were asked for (and there
        are some, unless importing none is allowed)."""
        if self.file_error:
            raise ImportRefused(self.file_error)
        if self.error_count and not skip_bad_rows:
            raise ImportRefused(
                _("The file has %(count)d bad rows, so nothing was imported.") % {"count": self.error_count}
            )
        if not self.rows and not allow_none:
            raise ImportRefused(_("The file has no good rows to import."))


def _megabytes(size: int) -> str:
    """Whole megabytes, or tenths below one (Vietnamese decimal comma)."""
    return str(size // 2**20) if size >= 2**20 else f"{size / 2**20:.1f}".replace(".", ",")


def check_upload_size(size: int | None, bounds: Limits | None = None) -> None:
    """TooLarge when an upload is over the limit; call it before storing or reading the file."""
    bounds = bounds or limits()
    if size is not None and size > bounds.upload_bytes:
        raise TooLarge(_("The file is larger than %(size)s MB.") % {"size": _megabytes(bounds.upload_bytes)})


def _size_of(handle: IO[bytes]) -> int | None:
    size = getattr(handle, "size", None)
    if isinstance(size, int):
        return size
    try:
        position = handle.tell()
        handle.seek(0, io.SEEK_END)
        end = handle.tell()
        handle.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return end


def check_workbook_zip(handle: IO[bytes], bounds: Limits | None = None) -> None:
    """TooLarge when the XLSX would unpack to more than the limit, read from the zip's directory
    before anything is decompressed; TableError when it is not a zip at all."""
    bounds = bounds or limits()
    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(_("The file is not a readable Excel (.xlsx) workbook.")) from exc
    finally:
        handle.seek(0)
    if unpacked > bounds.unzipped_bytes:
        raise TooLarge(
            _("The workbook unpacks to more than %(size)s MB; split it into smaller files.")
            % {"size": _megabytes(bounds.unzipped_bytes)}
        )


def read_rows(handle: IO[bytes], filename: str, bounds: Limits | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number as a spreadsheet shows it, cells as stripped text), header included,
    within the limits (TableError or TooLarge otherwise, raised as soon as a limit is passed)."""
    bounds = bounds or limits()
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise TableError(_("Only .csv and .xlsx files can be imported."))
    check_upload_size(_size_of(handle), bounds)
    if name.endswith(".xlsx"):
        check_workbook_zip(handle, bounds)
        rows = _read_xlsx(handle)
    else:
        rows = _read_csv(handle)
    for number, cells in rows:
        check_row(number, cells, bounds)
        yield number, cells


def check_row(number: int, cells: list[str], bounds: Limits) -> None:
    """TableError when the row passes the rows limit, has too many cells (trailing empty
    ones dropped first, in place) or a cell with too many characters."""
    if number > bounds.rows + 1:
        raise TableError(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": f"{bounds.rows:,}".replace(",", ".")}
        )
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) > bounds.cells_per_row:
        raise TableError(_("Row %(row)d has more than %(max)d cells.") % {"row": number, "max": bounds.cells_per_row})
    for column, cell in enumerate(cells, start=1):
        if len(cell) > bounds.chars_per_cell:
            raise TableError(
                _("Row %(row)d, column %(column)d holds more than %(max)s characters.")
                % {"row": number, "column": column, "max": f"{bounds.chars_per_cell:,}".replace(",", ".")}
            )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet_size(sheet: Any) -> None:
    """openpyxl's read-only sizing of a sheet, stopping where the cells start: it waits for the
    end of the cells instead, so a sheet that records no dimension (as streaming writers make
    them) was read twice. Same answer: the recorded dimension, or none."""
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    with sheet._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                bounds = SheetDimension.from_tree(element).boundaries
                sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = bounds
                return
            if element.tag == DATA_TAG:
                return


def _read_xlsx(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _sheet_size  # type: ignore[method-assign]
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableError(_("The file is not a readable Excel (.xlsx) workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in row]
    finally:
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
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            yield number, [cell.strip() for cell in row]
    except csv.Error as exc:  # a field over the csv module's own limit, a stray NUL…
        raise TableError(_("The CSV file cannot be read as a table.")) from exc


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


def table(
    handle: IO[bytes], filename: str, columns: dict[str, tuple[str, ...]], required: set[str], **bounds: int
) -> tuple[dict[str, int], Iterator[tuple[int, list[str]]]]:
    """The numbered rows under a matched header: (column index by key, iterator of rows). An
    empty file is a TableError like any other unreadable one."""
    rows = read_rows(handle, filename, limits(**bounds))
    header = next(rows, None)
    if header is None:
        raise TableError(_("The file is empty."))
    return match_headers(header[1], columns, required), rows


def quote(text: str, limit: int = 40) -> str:
    """A cell's text as a message may show it: short, never the whole of a long cell."""
    text = str(text)
    return "—" if not text else text if len(text) <= limit else text[: limit - 1] + "…"


def cell_of(columns: dict[str, int], cells: list[str], key: str) -> str:
    """The stripped text of a row's cell in the column `key` ("" when absent)."""
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""
