"""Writes a Document as DOCX with python-docx, in Times New Roman (the face of Nghị định 30), on A4
with the decree's margins, the page number centred at the top of every page but the first.

python-docx has no call for paragraph borders, repeated table headers, cell margins or fields;
those few elements are added to its XML tree with its own `OxmlElement`."""

import copy
import io
from functools import cache

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .layout import PAGE_HEIGHT_MM, PAGE_NUMBER_SIZE, PAGE_WIDTH_MM, Block, Columns, Document, Para, Rule, Table

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
HEADER_DISTANCE_MM = 10.0  # the page number stands in the top margin
TABLE_PADDING_MM = 1.4
TWIPS_PER_MM = 1440 / 25.4


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_defaults(docx: DocxDocument, document: Document) -> None:
    normal = docx.styles["Normal"]
    font = normal.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(document.size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    normal.element.get_or_add_rPr().append(_element("w:lang", val="vi-VN"))
    paragraph_format = normal.paragraph_format  # type: ignore[attr-defined]
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    docx.core_properties.language = "vi-VN"


def _set_page(docx: DocxDocument, document: Document) -> None:
    top, right, bottom, left = document.margins_mm
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    if not document.page_numbers:
        return
    section.different_first_page_header_footer = True  # page 1 keeps an empty header
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = number.add_run()
    run.font.size = Pt(PAGE_NUMBER_SIZE)
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    instruction = _element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    run._r.append(_element("w:fldChar", fldCharType="separate"))
    shown = _element("w:t")
    shown.text = "2"  # what a reader that does not compute fields shows
    run._r.append(shown)
    run._r.append(_element("w:fldChar", fldCharType="end"))


def _write_para(paragraph: Paragraph, para: Para) -> None:
    """Sets only what differs from the Normal style (left, no spacing, the document's size):
    python-docx's property setters are the bulk of the writing time."""
    if para.align != "left":
        paragraph.alignment = ALIGN[para.align]
    if para.space_before or para.space_after or para.first_line_mm:
        paragraph_format = paragraph.paragraph_format
        if para.space_before:
            paragraph_format.space_before = Pt(para.space_before)
        if para.space_after:
            paragraph_format.space_after = Pt(para.space_after)
        if para.first_line_mm:
            paragraph_format.first_line_indent = Mm(para.first_line_mm)
    for piece in para.runs:
        for index, text in enumerate(piece.text.split("\n")):
            run = paragraph.add_run(text)
            if index:
                run.add_break()
            if piece.bold:
                run.bold = True
            if piece.italic:
                run.italic = True
            if piece.underline:
                run.underline = True
            if para.size:
                run.font.size = Pt(para.size)


def _write_rule(paragraph: Paragraph, rule: Rule, width_mm: float) -> None:
    """A centred line: the top border of an empty paragraph, indented to the rule's length."""
    side = max(0.0, (width_mm - rule.width_mm) / 2)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = paragraph_format.right_indent = Mm(side)
    paragraph_format.space_before = Pt(1)
    paragraph_format.line_spacing = Pt(6)
    borders = _element("w:pBdr")
    borders.append(_element("w:top", val="single", sz="6", space="1", color="000000"))
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")


def _write_blocks(cell: _Cell, blocks: list[Block], width_mm: float) -> None:
    for index, block in enumerate(blocks):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if isinstance(block, Para):
            _write_para(paragraph, block)
        else:
            _write_rule(paragraph, block, width_mm)


def _twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def _table_properties(table: DocxTable, width_mm: float, padding_mm: float) -> None:
    """The table's width and its cells' inner margins, in the order the schema gives them."""
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), _twips(width_mm))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=_twips(padding_mm), type="dxa"))
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _write_columns(docx: DocxDocument, block: Columns, width_mm: float) -> None:
    left_mm = width_mm * block.left_share
    table = docx.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table, width_mm, block.padding_mm)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # a letter head or a signature stays on one page
    for cell, blocks, column_mm in (
        (row.cells[0], block.left, left_mm),
        (row.cells[1], block.right, width_mm - left_mm),
    ):
        cell.width = Mm(column_mm)
        _write_blocks(cell, blocks, column_mm - 2 * block.padding_mm)
    for column, column_mm in zip(table.columns, (left_mm, width_mm - left_mm), strict=True):
        column.width = Mm(column_mm)


def _write_table(docx: DocxDocument, block: Table, width_mm: float) -> None:
    """A bordered grid whose header repeats on every page. Its first body row is written with
    python-docx and is the pattern of the others (a copy of the row's XML with the cells' texts
    set), which keeps a table of hundreds of figures fast."""
    widths = [width_mm * share for share in block.widths]
    table = docx.add_table(rows=2, cols=len(block.header))
    table.style = docx.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table, width_mm, TABLE_PADDING_MM)
    header_row, pattern = table._tbl.tr_lst
    header_row.get_or_add_trPr().append(_element("w:tblHeader"))  # repeated on every page
    for tr, header in ((header_row, True), (pattern, False)):
        for index, (tc, cell_mm) in enumerate(zip(tr.tc_lst, widths, strict=True)):
            cell = _Cell(tc, table)
            cell.width = Mm(cell_mm)
            align = "center" if header else ("right" if index in block.numeric else "left")
            text = block.header[index] if header else "-"
            _write_para(cell.paragraphs[0], Para.text(text, bold=header, align=align, size=block.size))  # type: ignore[arg-type]
    table._tbl.remove(pattern)
    for row_index, cells in enumerate(block.rows):
        tr = copy.deepcopy(pattern)
        for tc, text in zip(tr.tc_lst, cells, strict=True):
            run = tc.p_lst[0].r_lst[0]
            run.text = text
            if block.bold_last_row and row_index == len(block.rows) - 1:
                run.get_or_add_rPr().insert(0, _element("w:b"))
        table._tbl.append(tr)
    for column, column_mm in zip(table.columns, widths, strict=True):
        column.width = Mm(column_mm)


KEPT_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "Header", "Footer"}
# Parts of python-docx's template that a letter does not use: Word 2010's copy of the styles, a
# thumbnail of an empty page and a custom XML item.
DROPPED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")


@cache
def _base(size: float, margins_mm: tuple[float, float, float, float], page_numbers: bool) -> bytes:
    """An empty document with the styles, page and page numbers set, without the template's
    hundreds of unused styles: made once per process, it halves the time to open and save."""
    document = Document("", [], size=size, margins_mm=margins_mm, page_numbers=page_numbers)
    docx = new_document()
    styles = docx.styles.element
    for style in list(styles):
        if style.tag == qn("w:latentStyles") or (style.tag == qn("w:style") and style.name_val not in KEPT_STYLES):
            styles.remove(style)
    for part in (docx.part, docx.part.package):
        for rId, relationship in list(part.rels.items()):
            if relationship.reltype.rsplit("/", 1)[-1] in DROPPED_PARTS:
                del part.rels[rId]
    _set_defaults(docx, document)
    _set_page(docx, document)
    for paragraph in docx.paragraphs:  # the template's empty paragraph
        paragraph._p.getparent().remove(paragraph._p)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def render_docx(document: Document) -> bytes:
    docx = new_document(io.BytesIO(_base(document.size, document.margins_mm, document.page_numbers)))
    docx.core_properties.title = document.title
    width_mm = document.text_width_mm
    for block in document.blocks:
        if isinstance(block, Para):
            _write_para(docx.add_paragraph(), block)
        elif isinstance(block, Rule):
            _write_rule(docx.add_paragraph(), block, width_mm)
        elif isinstance(block, Columns):
            _write_columns(docx, block, width_mm)
            docx.add_paragraph()
        else:
            _write_table(docx, block, width_mm)
            docx.add_paragraph()
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()
