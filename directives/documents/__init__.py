"""Documents in the layout of Nghị định 30/2020/NĐ-CP, written as DOCX (python-docx) and PDF (fpdf2).

The public API, for any app that issues or reports (a công văn, a báo cáo, a kế hoạch):

    from directives.documents import Letter, Letterhead, Signature, figures, heading, listed, paragraph
    from directives.documents import render_docx, render_pdf

    letter = Letter(
        head=Letterhead(issuing_body="Ban Chỉ đạo phòng, chống dịch", parent_body="UBND tỉnh Đắk Nông",
                        place="Đắk Nông", reference="12/BC-BCĐ", day=date(2021, 5, 12)),
        kind="BÁO CÁO", subject="Tình hình phòng, chống dịch tuần từ 03/5 đến 09/5/2021",
        addressees=["Ủy ban nhân dân tỉnh"],
        body=[paragraph("…"), heading("1. Số ca mắc"),
              figures(["Huyện", "Ca mắc"], [["Cư Jút", 12], ["Đắk Mil", 3]], total="Tổng cộng")],
        recipients=["UBND tỉnh (b/c)"], archive="VT, NVY",
        signature=Signature("PHÓ TRƯỞNG BAN", "Nguyễn Văn A", authority="KT.", head_title="TRƯỞNG BAN"),
    )
    document = letter.document()  # a Document: blocks that templates/directives/_document.html also shows
    render_docx(document), render_pdf(document)  # bytes

A công văn leaves `kind` empty and prints "V/v <subject>" under its number. `dated`,
`numeric_date` and `number` format dates and figures the way the documents print them.
"""

from .docx import render_docx
from .fonts import font_files
from .layout import Columns, Document, Para, Rule, Run, Table
from .letter import (
    MOTTO,
    MOTTO_LINE,
    Letter,
    Letterhead,
    Part,
    Signature,
    dated,
    figures,
    heading,
    letter_head,
    listed,
    number,
    numeric_date,
    paragraph,
)
from .pdf import render_pdf

__all__ = [
    "MOTTO",
    "MOTTO_LINE",
    "Columns",
    "Document",
    "Letter",
    "Letterhead",
    "Para",
    "Part",
    "Rule",
    "Run",
    "Signature",
    "Table",
    "dated",
    "figures",
    "font_files",
    "heading",
    "letter_head",
    "listed",
    "number",
    "numeric_date",
    "paragraph",
    "render_docx",
    "render_pdf",
]
