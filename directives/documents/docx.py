"""Writes a Document as DOCX (WordprocessingML in a zip), naming Times New Roman."""

import io
import zipfile
from xml.sax.saxutils import escape

from .layout import Block, Columns, Document, Para, Rule, Table

FONT = "Times New Roman"
TWIPS_PER_MM = 56.6929
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}

PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
CONTENT_TYPES = (
    f'{XML_HEAD}<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{MAIN_TYPE}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{MAIN_TYPE}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
ROOT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{PACKAGE}/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{OFFICE}/styles" Target="styles.xml"/></Relationships>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _styles(size: float) -> str:
    half_points = round(size * 2)
    fonts = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
        f"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts {fonts}/>"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style></w:styles>"
    )


def _core(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:language>vi-VN</dc:language></cp:coreProperties>"
    )


def _run(text: str, bold: bool, italic: bool, underline: bool, size: float | None) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if underline:
        props += '<w:u w:val="single"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    pieces = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return f"<w:r><w:rPr>{props}</w:rPr>{body}</w:r>"


def _para(para: Para) -> str:
    spacing = f'<w:spacing w:before="{round(para.space_before * 20)}" w:after="{round(para.space_after * 20)}"/>'
    indent = f'<w:ind w:firstLine="{_twips(para.first_line_mm)}"/>' if para.first_line_mm else ""
    props = f'<w:pPr>{spacing}{indent}<w:jc w:val="{ALIGN[para.align]}"/></w:pPr>'
    runs = "".join(_run(r.text, r.bold, r.italic, r.underline, para.size) for r in para.runs)
    return f"<w:p>{props}{runs}</w:p>"


def _rule(rule: Rule, width_mm: float) -> str:
    side = max(0.0, (width_mm - rule.width_mm) / 2)
    return (
        f'<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        f'<w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/>'
        f'<w:ind w:left="{_twips(side)}" w:right="{_twips(side)}"/></w:pPr></w:p>'
    )


def _blocks(blocks: list[Block], width_mm: float) -> str:
    return "".join(_para(b) if isinstance(b, Para) else _rule(b, width_mm) for b in blocks) or "<w:p/>"


def _no_borders() -> str:
    sides = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return f"<w:tblBorders>{sides}</w:tblBorders>"


def _columns(block: Columns, width_mm: float) -> str:
    left_mm = width_mm * block.left_share
    right_mm = width_mm - left_mm
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{_twips(width_mm)}" w:type="dxa"/>{_no_borders()}'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{_twips(left_mm)}"/><w:gridCol w:w="{_twips(right_mm)}"/></w:tblGrid><w:tr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(left_mm)}" w:type="dxa"/></w:tcPr>{_blocks(block.left, left_mm)}</w:tc>'
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(right_mm)}" w:type="dxa"/></w:tcPr>{_blocks(block.right, right_mm)}</w:tc>'
        "</w:tr></w:tbl><w:p/>"
    )


def _table(table: Table, width_mm: float) -> str:
    widths = [width_mm * share for share in table.widths]
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{_twips(w)}"/>' for w in widths)

    def row(cells: list[str], bold: bool, header: bool) -> str:
        out = "<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if header else "")
        for index, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            align = "center" if header else ("right" if index in table.numeric else "left")
            para = Para.text(cell, bold=bold, align=align, size=table.size)  # type: ignore[arg-type]
            out += f'<w:tc><w:tcPr><w:tcW w:w="{_twips(w)}" w:type="dxa"/></w:tcPr>{_para(para)}</w:tc>'
        return out + "</w:tr>"

    body = row(table.header, True, True)
    for index, cells in enumerate(table.rows):
        body += row(cells, table.bold_last_row and index == len(table.rows) - 1, False)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{_twips(width_mm)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl><w:p/>'
    )


def render_docx(document: Document) -> bytes:
    top, right, bottom, left = document.margins_mm
    width_mm = PAGE_WIDTH_MM - left - right
    parts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Para):
            parts.append(_para(block))
        elif isinstance(block, Rule):
            parts.append(_rule(block, width_mm))
        elif isinstance(block, Columns):
            parts.append(_columns(block, width_mm))
        else:
            parts.append(_table(block, width_mm))
    section = (
        f'<w:sectPr><w:pgSz w:w="{_twips(PAGE_WIDTH_MM)}" w:h="{_twips(PAGE_HEIGHT_MM)}"/>'
        f'<w:pgMar w:top="{_twips(top)}" w:right="{_twips(right)}" w:bottom="{_twips(bottom)}" '
        f'w:left="{_twips(left)}" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
        + "".join(parts)
        + section
        + "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        package.writestr("word/document.xml", xml)
        package.writestr("word/styles.xml", _styles(document.size))
        package.writestr("docProps/core.xml", _core(document.title))
    return buffer.getvalue()
