"""What a document says and how it is laid out, independent of DOCX or PDF."""

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Para:
    kind = "para"  # for templates, which cannot test types

    runs: list[Run]
    align: Align = "left"
    size: float | None = None  # points; the document's size when None
    first_line_mm: float = 0.0
    space_before: float = 0.0  # points
    space_after: float = 0.0  # points

    @classmethod
    def text(cls, text: str, **options: object) -> "Para":
        run_options = {k: options.pop(k) for k in ("bold", "italic", "underline") if k in options}
        return cls([Run(text, **run_options)], **options)  # type: ignore[arg-type]

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Rule:
    """A short centred line, as under the issuing body and the national motto."""

    kind = "rule"

    width_mm: float = 30.0


Block = Para | Rule


@dataclass
class Columns:
    """Two blocks side by side (letter head, recipients and signature), no borders."""

    kind = "columns"

    left: list[Block]
    right: list[Block]
    left_share: float = 0.42
    padding_mm: float = 1.4  # inside each column, left and right


@dataclass
class Table:
    kind = "table"

    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # shares of the text width, summing to 1
    numeric: set[int] = field(default_factory=set)  # columns aligned right
    size: float = 11.0
    bold_last_row: bool = False


PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0  # A4
# Margins of Nghị định 30/2020/NĐ-CP: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
MARGINS_MM = (20.0, 15.0, 20.0, 30.0)  # top, right, bottom, left
PAGE_NUMBER_SIZE = 13.0  # centred at the top from page 2: 13–14 pt


@dataclass
class Document:
    title: str
    blocks: list[Para | Rule | Columns | Table]
    size: float = 14.0
    margins_mm: tuple[float, float, float, float] = MARGINS_MM  # top, right, bottom, left
    page_numbers: bool = True  # from page 2, centred in the top margin; none on page 1

    @property
    def text_width_mm(self) -> float:
        return PAGE_WIDTH_MM - self.margins_mm[1] - self.margins_mm[3]
