"""Writes a Document as PDF with fpdf2: A4 with the decree's margins, the page number centred at
the top of every page but the first, in the face `fonts.font_files()` finds (Tinos or Liberation
Serif, metric-compatible with Times New Roman; else Source Serif Pro), embedded with every
Vietnamese letter."""

from fpdf import FPDF
from fpdf.fonts import FontFace

from .fonts import PT_TO_MM, VIETNAMESE, FontFiles, compact_files, font_files
from .layout import PAGE_NUMBER_SIZE, Block, Columns, Document, Para, Rule, Table

LINE_HEIGHT = 1.25  # of the font size
PAGE_NUMBER_TOP_MM = 10.0


class _Pages(FPDF):
    """An FPDF that numbers pages from the second one on."""

    def __init__(self, fonts: FontFiles, numbered: bool) -> None:
        super().__init__(format="A4", unit="mm")
        self.face = fonts
        self.numbered = numbered

    def header(self) -> None:
        if not self.numbered or self.page_no() < 2:
            return
        family, style, size = self.font_family, self.font_style, self.font_size_pt
        y = self.get_y()
        self.set_font(self.face.family, "", PAGE_NUMBER_SIZE)
        self.set_xy(self.l_margin, PAGE_NUMBER_TOP_MM)
        self.cell(self.w - self.l_margin - self.r_margin, PAGE_NUMBER_SIZE * PT_TO_MM, str(self.page_no()), align="C")
        self.set_font(family, style, size)
        self.set_y(y)


def _characters(document: Document) -> set[str]:
    found: set[str] = set()

    def blocks(items: list[Block]) -> None:
        for block in items:
            if isinstance(block, Para):
                for run in block.runs:
                    found.update(run.text)

    for block in document.blocks:
        if isinstance(block, Columns):
            blocks(block.left)
            blocks(block.right)
        elif isinstance(block, Table):
            for cells in [block.header, *block.rows]:
                for cell in cells:
                    found.update(cell)
        else:
            blocks([block])
    return found


def fonts_for(document: Document) -> FontFiles:
    """The face cut down to Vietnamese when it has every character of the document, else the whole face."""
    compact = compact_files()
    if compact is not None and _characters(document) <= VIETNAMESE:
        return compact
    return font_files()


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.fonts = fonts_for(document)
        top, right, bottom, left = document.margins_mm
        pdf = _Pages(self.fonts, document.page_numbers)
        pdf.set_margins(left, top, right)
        pdf.set_auto_page_break(True, bottom)
        pdf.add_font(self.fonts.family, "", self.fonts.regular)
        pdf.add_font(self.fonts.family, "B", self.fonts.bold)
        if self.fonts.italic and self.fonts.bold_italic:
            pdf.add_font(self.fonts.family, "I", self.fonts.italic)
            pdf.add_font(self.fonts.family, "BI", self.fonts.bold_italic)
        pdf.set_title(document.title)
        pdf.set_lang("vi")
        pdf.add_page()
        self.pdf = pdf
        self.bottom = pdf.h - bottom

    def style(self, bold: bool, italic: bool, underline: bool) -> str:
        style = ("B" if bold else "") + ("I" if italic and self.fonts.bold_italic else "") + ("U" if underline else "")
        return style

    def para(self, para: Para, left: float, width: float) -> None:
        pdf = self.pdf
        size = para.size or self.document.size
        pdf.set_y(pdf.get_y() + para.space_before * PT_TO_MM)
        padding, pdf.c_margin = pdf.c_margin, 0  # the block's width is all text, as in the DOCX
        with (
            pdf.text_columns(
                text_align=para.align.upper()[0] if para.align != "justify" else "J",
                l_margin=left,
                r_margin=pdf.w - left - width,
                line_height=LINE_HEIGHT,
            ) as columns,
            columns.paragraph(first_line_indent=para.first_line_mm) as paragraph,
        ):
            for run in para.runs:
                pdf.set_font(self.fonts.family, self.style(run.bold, run.italic, run.underline), size)
                paragraph.write(run.text)
        pdf.c_margin = padding
        pdf.set_y(pdf.get_y() + para.space_after * PT_TO_MM)

    def rule(self, rule: Rule, left: float, width: float) -> None:
        pdf = self.pdf
        y = pdf.get_y() + 0.8
        start = left + (width - rule.width_mm) / 2
        pdf.set_line_width(0.3)
        pdf.line(start, y, start + rule.width_mm, y)
        pdf.set_y(y + 1.5)

    def blocks(self, blocks: list[Block], left: float, width: float) -> None:
        for block in blocks:
            if isinstance(block, Para):
                self.para(block, left, width)
            else:
                self.rule(block, left, width)

    def height_of(self, blocks: list[Block], width: float) -> float:
        total = 0.0
        for block in blocks:
            if isinstance(block, Rule):
                total += 2.3
                continue
            size = block.size or self.document.size
            self.pdf.set_font(self.fonts.family, "B" if any(r.bold for r in block.runs) else "", size)
            lines = self.pdf.multi_cell(width, size * PT_TO_MM * LINE_HEIGHT, block.plain, dry_run=True, output="LINES")
            assert isinstance(lines, list)
            total += len(lines) * size * PT_TO_MM * LINE_HEIGHT + (block.space_before + block.space_after) * PT_TO_MM
        return total

    def columns(self, block: Columns) -> None:
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        pad = block.padding_mm
        left_width = width * block.left_share
        right_width = width - left_width
        needed = max(
            self.height_of(block.left, left_width - 2 * pad), self.height_of(block.right, right_width - 2 * pad)
        )
        if pdf.get_y() + needed > self.bottom and needed < self.bottom - pdf.t_margin:
            pdf.add_page()  # keep a letter head or a signature block on one page
        top, page = pdf.get_y(), pdf.page
        self.blocks(block.left, pdf.l_margin + pad, left_width - 2 * pad)
        left_end, left_page = pdf.get_y(), pdf.page
        pdf.page, pdf.y = page, top
        self.blocks(block.right, pdf.l_margin + left_width + pad, right_width - 2 * pad)
        if left_page > pdf.page or (left_page == pdf.page and left_end > pdf.get_y()):
            pdf.page, pdf.y = left_page, left_end
        pdf.set_x(pdf.l_margin)

    def table(self, table: Table) -> None:
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        pdf.set_font(self.fonts.family, "", table.size)
        pdf.set_y(pdf.get_y() + 1)
        aligns = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.header)))
        with pdf.table(
            col_widths=tuple(share * width for share in table.widths),
            text_align=aligns,  # type: ignore[arg-type]
            line_height=table.size * PT_TO_MM * LINE_HEIGHT,
            headings_style=FontFace(emphasis="BOLD"),
        ) as grid:
            header = grid.row()
            for cell in table.header:
                header.cell(cell, align="CENTER")
            for index, cells in enumerate(table.rows):
                bold = table.bold_last_row and index == len(table.rows) - 1
                row = grid.row(style=FontFace(emphasis="BOLD") if bold else None)
                for cell in cells:
                    row.cell(cell)
        pdf.set_y(pdf.get_y() + 2)

    def write(self) -> bytes:
        pdf = self.pdf
        width = pdf.w - pdf.l_margin - pdf.r_margin
        for block in self.document.blocks:
            if isinstance(block, Columns):
                self.columns(block)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.blocks([block], pdf.l_margin, width)
        return bytes(pdf.output())


def render_pdf(document: Document) -> bytes:
    return _Writer(document).write()
