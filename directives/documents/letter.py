"""A document in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), built from its parts:

- `Letterhead`: issuing body under its parent body (top left), the quốc hiệu and the tiêu ngữ
  (top right), the number and symbol ("Số: 12/BC-BCĐ"), the place name (địa danh) and date;
- `Letter`: the letter head, then either a "V/v" subject under the number (a công văn) or a
  document kind ("BÁO CÁO", "KẾ HOẠCH") with its subject as the title; "Kính gửi:" addressees;
  the body; "Nơi nhận:" and the `Signature` block side by side;
- body blocks: `paragraph`, `heading`, `listed` (lines "- …;"), `figures` (a table of figures,
  numbers printed "1.234", optionally with a total row), or any `Para`, `Rule`, `Table`.

`Letter.document()` gives a `Document` that `render_docx` and `render_pdf` write (page numbers
from page 2, margins of the decree) and that templates/directives/_document.html shows as HTML.
The document's words ("Số:", "Kính gửi:", "Nơi nhận:") are Vietnamese whatever the reader's
language: it is the official text, not the interface.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import pairwise

from .fonts import text_width_mm
from .layout import MARGINS_MM, PAGE_WIDTH_MM, Block, Columns, Document, Para, Rule, Run, Table

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"

# Sizes of Phụ lục I (points).
HEAD_SIZE = 12.0  # quốc hiệu, issuing body and its parent: 12–13, on one line each
MOTTO_LINE_SIZE = 13.0  # tiêu ngữ: 13–14, bold, underlined as long as the line
NUMBER_SIZE = 13.0
DATE_SIZE = 14.0  # place and date: 13–14, italic
SUBJECT_SIZE = 12.0  # "V/v" of a công văn: 12–13
KIND_SIZE = 14.0  # name of the kind of document and its subject: 13–14, bold
RECEIVED_SIZE = 12.0  # "Nơi nhận:" bold italic; its list 11
RECEIVED_LIST_SIZE = 11.0
HEAD_SLACK_MM = 0.5  # kept beside the quốc hiệu and the issuing body so that no renderer wraps them

Cell = str | int | float | Decimal | None
Part = Block | Table | Columns  # what a letter's body is made of


def dated(place: str, day: date | None) -> str:
    """ "Đắk Nông, ngày 12 tháng 5 năm 2021": days below 10 and months below 3 take a leading zero;
    no date yet (a draft) leaves the blanks to fill by hand."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def numeric_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def number(value: int | float | Decimal) -> str:
    """A figure as Vietnamese documents print it: 1.234.567 and 12,5."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    whole, _, fraction = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def paragraph(text: str, **run_options: bool) -> Para:
    """A body paragraph: justified, first line indented, 6 pt after."""
    return Para([Run(text, **run_options)], align="justify", first_line_mm=10, space_after=6)


def heading(text: str) -> Para:
    """A numbered part of the body ("1. Tình hình dịch bệnh"), bold."""
    return Para([Run(text, bold=True)], align="justify", first_line_mm=10, space_before=3, space_after=3)


def listed(lines: Sequence[str]) -> list[Para]:
    """Lines of a list in the body: "- Huyện Cư Jút;" … "- Huyện Tuy Đức." (indented like a paragraph)."""
    return [
        Para.text(f"- {line}{'.' if index == len(lines) - 1 else ';'}", align="justify", first_line_mm=10)
        for index, line in enumerate(lines)
    ]


def figures(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float] | None = None,
    total: str | None = None,
    summed: Collection[int] | None = None,
    numeric: Collection[int] | None = None,
    size: float = 11.0,
) -> Table:
    """A table of figures: numbers printed "1.234" and aligned right. `widths` are shares of the
    text width (default: the first column twice as wide as the others); `total` labels a last,
    bold row adding up the `summed` columns (default: every column of whole numbers); `numeric`
    names the columns aligned right when not every figure is a number ("45%")."""
    columns = len(header)
    if any(len(row) != columns for row in rows):
        raise ValueError("Every row of a table has as many cells as its header.")
    whole = {
        index
        for index in range(1, columns)
        if any(row[index] is not None for row in rows)
        and all(row[index] is None or isinstance(row[index], int) for row in rows)
    }
    if numeric is None:
        numeric = {
            index
            for index in range(1, columns)
            if any(row[index] is not None for row in rows)
            and all(row[index] is None or isinstance(row[index], int | float | Decimal) for row in rows)
        }
    cells = [[_cell(value) for value in row] for row in rows]
    if total is not None:
        added = whole if summed is None else set(summed)
        sums: list[str] = [total]
        for index in range(1, columns):
            values = [row[index] for row in rows]
            sums.append(number(sum(v for v in values if isinstance(v, int))) if index in added else "")
        cells.append(sums)
    if widths is None:
        widths = [2 / (columns + 1)] + [1 / (columns + 1)] * (columns - 1)
    if len(widths) != columns or abs(sum(widths) - 1) > 0.01:
        raise ValueError("A table's widths are one share per column, adding up to 1.")
    return Table(list(header), cells, list(widths), numeric=set(numeric), size=size, bold_last_row=total is not None)


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return number(value)


@dataclass
class Letterhead:
    issuing_body: str  # printed in capitals, bold
    place: str  # địa danh: "Đắk Nông"
    reference: str = ""  # number and symbol: "12/BC-BCĐ", a draft's "…/BC-BCĐ"; "" prints no "Số:" line
    day: date | None = None  # None: a draft, the date left blank
    parent_body: str = ""  # the body above the issuer, printed in capitals, not bold


@dataclass
class Signature:
    signer_title: str  # "PHÓ GIÁM ĐỐC"; alone when the head signs
    signer_name: str = ""
    authority: str = ""  # "KT.", "TM.", "TL.", "TUQ."
    head_title: str = ""  # whom the signer signs for: "GIÁM ĐỐC"

    def blocks(self) -> list[Block]:
        lines: list[Block] = []
        if self.authority and self.head_title:
            lines.append(Para.text(f"{self.authority} {self.head_title.upper()}", bold=True, align="center"))
        lines.append(Para.text(self.signer_title.upper(), bold=True, align="center"))
        lines.append(Para.text("", space_after=48))  # room for the signature and the seal
        if self.signer_name:
            lines.append(Para.text(self.signer_name, bold=True, align="center"))
        return lines


@dataclass
class Letter:
    head: Letterhead
    subject: str = ""  # without "V/v": a công văn prints "V/v <subject>" under its number
    kind: str = ""  # "BÁO CÁO", "KẾ HOẠCH"…: printed as the title, the subject under it; "" for a công văn
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:"
    body: Sequence[Part] = ()  # paragraph(), heading(), figures() or any Para, Rule, Table, Columns
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận:", before the archive line
    archive: str = "VT"  # "Lưu: VT, <division>."
    signature: Signature | None = None
    draft: bool = False  # prints "DỰ THẢO" above the letter head

    def document(self, size: float = 14.0) -> Document:
        blocks: list[Block | Table | Columns] = []
        if self.draft:
            blocks.append(Para.text("DỰ THẢO", bold=True, align="right", size=12))
        blocks.append(letter_head(self.head, [] if self.kind else self._subject_lines()))
        if self.kind:
            blocks.append(Para.text(self.kind.upper(), bold=True, align="center", size=KIND_SIZE, space_before=12))
            if self.subject:
                blocks.append(Para.text(self.subject, bold=True, align="center", size=KIND_SIZE))
            blocks.append(Rule(30))
        blocks += self._addressee_blocks()
        blocks += list(self.body)
        if self.recipients or self.signature:
            blocks.append(self._closing())
        title = " — ".join(part for part in (self.head.reference, self.kind.capitalize(), self.subject) if part)
        return Document(title=title, blocks=blocks, size=size)

    def _subject_lines(self) -> list[Block]:
        if not self.subject:
            return []
        return [Para.text(f"V/v {self.subject}", align="center", size=SUBJECT_SIZE, space_before=4)]

    def _addressee_blocks(self) -> list[Block]:
        if not self.addressees:
            return []
        if len(self.addressees) == 1:
            return [Para.text(f"Kính gửi: {self.addressees[0]}.", align="center", space_before=6, space_after=6)]
        blocks: list[Block] = [Para.text("Kính gửi:", align="center", space_before=6)]
        for index, line in enumerate(self.addressees):
            end = "." if index == len(self.addressees) - 1 else ";"
            blocks.append(Para.text(f"- {line}{end}", first_line_mm=35))
        blocks.append(Para.text("", space_after=6))
        return blocks

    def _closing(self) -> Columns:
        received: list[Block] = [
            Para.text("Nơi nhận:", bold=True, italic=True, size=RECEIVED_SIZE, space_before=6),
            *(Para.text(f"- {line};", size=RECEIVED_LIST_SIZE) for line in self.recipients),
            Para.text(f"- Lưu: {self.archive}.", size=RECEIVED_LIST_SIZE),
        ]
        signature = [Para.text("", space_before=6), *self.signature.blocks()] if self.signature else []
        return Columns(received, signature, left_share=0.5)


def _wrap(text: str, size: float, bold: bool, width_mm: float) -> list[str]:
    """Lines of at most width_mm, broken between words into as few lines as fit and, among those,
    the most even ones ("ỦY BAN NHÂN DÂN" / "HUYỆN KRÔNG NÔ", not "… HUYỆN KRÔNG" / "NÔ"); a
    word longer than the width stands alone."""
    words = text.split()
    if not words:
        return [""]
    greedy: list[str] = []
    for word in words:
        if greedy and text_width_mm(f"{greedy[-1]} {word}", size, bold) <= width_mm:
            greedy[-1] += f" {word}"
        else:
            greedy.append(word)
    if len(greedy) == 1:
        return greedy

    @cache
    def width(start: int, end: int) -> float:
        return text_width_mm(" ".join(words[start:end]), size, bold)

    @cache
    def best(start: int, count: int) -> tuple[float, tuple[int, ...]]:
        """The smallest widest line setting words[start:] on `count` lines, and where they break."""
        if count == 1:
            return width(start, len(words)), ()
        options = []
        for end in range(start + 1, len(words) - count + 2):
            rest, breaks = best(end, count - 1)
            options.append((max(width(start, end), rest), (end, *breaks)))
        return min(options)

    widest, breaks = best(0, len(greedy))
    if widest > width_mm:
        return greedy  # an overlong word: the even lines would not fit either
    edges = (0, *breaks, len(words))
    return [" ".join(words[a:b]) for a, b in pairwise(edges)]


def letter_head(head: Letterhead, under_number: Sequence[Block] = ()) -> Columns:
    """Issuing body under its parent body (left), quốc hiệu and tiêu ngữ (right), each on one line:
    the left column is as wide as the page leaves beside the quốc hiệu, and only a body name too
    long for it is broken between words. The number (and whatever follows it, a công văn's
    "V/v") is under the issuing body, the place and date in italics under the tiêu ngữ."""
    page_mm = PAGE_WIDTH_MM - MARGINS_MM[1] - MARGINS_MM[3]
    right_mm = text_width_mm(MOTTO, HEAD_SIZE, bold=True) + HEAD_SLACK_MM
    left_mm = page_mm - right_mm
    left: list[Block] = []
    for line in _wrap(head.parent_body.upper(), HEAD_SIZE, False, left_mm - HEAD_SLACK_MM) if head.parent_body else []:
        left.append(Para.text(line, align="center", size=HEAD_SIZE))
    body_lines = _wrap(head.issuing_body.upper(), HEAD_SIZE, True, left_mm - HEAD_SLACK_MM)
    left += [Para.text(line, bold=True, align="center", size=HEAD_SIZE) for line in body_lines]
    widest = max(text_width_mm(line, HEAD_SIZE, bold=True) for line in body_lines)
    left.append(Rule(round(max(15.0, min(widest / 2, left_mm / 2)), 1)))
    if head.reference:
        left.append(Para.text(f"Số: {head.reference}", align="center", size=NUMBER_SIZE, space_before=4))
    left += under_number
    right: list[Block] = [
        Para.text(MOTTO, bold=True, align="center", size=HEAD_SIZE),
        Para.text(MOTTO_LINE, bold=True, underline=True, align="center", size=MOTTO_LINE_SIZE),
        Para.text(dated(head.place, head.day), italic=True, align="center", size=DATE_SIZE, space_before=10),
    ]
    return Columns(left, right, left_share=round(left_mm / page_mm, 4), padding_mm=0)
