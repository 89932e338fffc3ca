"""Text typed by people, written into XLSX exports: never a formula, and never a character a
worksheet cannot hold (control characters, lone surrogates), even in data saved before input
was checked for them — an export must not fail for one bad name."""

import re
from collections.abc import Iterable
from typing import Any

# What the XML of a worksheet cannot carry (tab, newline and carriage return it can).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def sheet_text(value: str) -> str:
    """The text with every character a worksheet cannot hold shown as U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", value)


def sheet_row(values: Iterable[Any]) -> list[Any]:
    """A row ready for `append`: its texts made writable, other values as they are."""
    return [sheet_text(value) if isinstance(value, str) else value for value in values]


def text_cell(sheet: Any, value: str) -> Any:
    """A write-only cell that stays text even when it starts with "=" (never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=sheet_text(value))
    cell.data_type = "s"
    return cell
