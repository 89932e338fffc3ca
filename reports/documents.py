"""An issued report's files, written from its snapshot on each download (so every copy reads the
same): a báo cáo in the layout of Nghị định 30/2020/NĐ-CP as DOCX and PDF (the shared document
API of directives.documents), and XLSX with one sheet of the figures and one per table of the
units below."""

import io
from datetime import datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from directives import official
from directives.documents import Letter, Letterhead, Signature, figures, heading, paragraph, render_docx, render_pdf
from lib.sheets import sheet_text

from .models import IssuedReport
from .weekly import as_day, dmy, sections, title_line, unit_tables

EXTENSIONS = ("docx", "pdf", "xlsx")
NUMBER_FORMATS = {"number": "#,##0", "percent": '0.0"%"', "money": '#,##0" đ"'}


def file_name(report: IssuedReport, extension: str) -> str:
    figures = report.figures
    return f"bao-cao-tuan-{figures['unit']['code']}-{figures['period']['start']}-{figures['period']['end']}.{extension}"


def render_xlsx(report: IssuedReport) -> bytes:
    figures = report.figures
    workbook = Workbook()
    bold = Font(bold=True)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    issued = timezone.localtime(report.issued_at)
    heading: list[tuple[str, Any]] = [
        ("Báo cáo", title_line(figures)),
        ("Đơn vị", figures["unit"]["name"]),
        ("Số", report.reference),
        ("Ngày ban hành", dmy(issued.date())),
        ("Số liệu tính đến", issued.strftime("%H:%M ") + dmy(issued.date())),
    ]
    for label, value in heading:
        sheet.append([label, sheet_text(value)])
        sheet.cell(sheet.max_row, 1).font = bold
    for section in sections(figures):
        sheet.append([])
        sheet.append([section.title])
        sheet.cell(sheet.max_row, 1).font = bold
        for line in section.lines:
            sheet.append([line.label, line.value])
            sheet.cell(sheet.max_row, 2).number_format = NUMBER_FORMATS[line.kind]
    sheet.column_dimensions["A"].width = 58
    sheet.column_dimensions["B"].width = 22
    for table in unit_tables(figures):
        tab = workbook.create_sheet(table.sheet)
        tab.append(table.header)
        for cell in tab[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            tab.append([sheet_text(row[0]), *row[1:]])
            for column, kind in enumerate(table.kinds, start=2):
                tab.cell(tab.max_row, column).number_format = NUMBER_FORMATS[kind]
        tab.column_dimensions["A"].width = 32
        for letter in "BCDEFGH"[: len(table.header) - 1]:
            tab.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


STEERING = "Ban Chỉ đạo phòng, chống dịch COVID-19"


def letter(report: IssuedReport) -> Letter:
    """The báo cáo: from the unit's steering committee, under its People's Committee, to it."""
    found = report.figures
    unit = found["unit"]
    committee = f"Ủy ban nhân dân {unit['running_name']}"
    issued = timezone.localtime(report.issued_at)
    start, end = as_day(found["period"]["start"]), as_day(found["period"]["end"])
    as_of = timezone.localtime(datetime.fromisoformat(found["as_of"]))
    body: list[Any] = [
        paragraph(
            f"{STEERING} {unit['running_name']} báo cáo tình hình phòng, chống dịch COVID-19 trên địa bàn tuần từ "
            f"{dmy(start)} đến {dmy(end)} (số liệu về cơ sở, cấp độ dịch và vùng áp dụng biện pháp tính đến "
            f"{as_of:%H:%M} ngày {dmy(as_of.date())}) như sau:"
        )
    ]
    for section in sections(found):
        body.append(heading(section.title))
        body.append(
            figures(
                ["Chỉ tiêu", "Số liệu"], [[line.label, line.text] for line in section.lines], [0.76, 0.24], numeric={1}
            )
        )
    for number, table in enumerate(unit_tables(found), start=len(sections(found)) + 1):
        body.append(heading(f"{number}. {table.title}"))
        summed = {column for column, kind in enumerate(table.kinds, start=1) if kind == "number"}
        body.append(figures(table.header, table.rows, table.widths, total="Tổng cộng", summed=summed))
    recipients = ["Như trên"]
    if unit["parent_running_name"]:
        recipients.append(f"{STEERING} {unit['parent_running_name']} (b/c)")
    return Letter(
        head=Letterhead(
            issuing_body=STEERING,
            parent_body=committee,
            place=unit.get("short_name") or unit["name"],
            reference=report.reference,
            day=issued.date(),
        ),
        kind="BÁO CÁO",
        subject=title_line(found),
        addressees=[committee],
        body=body,
        recipients=recipients,
        signature=Signature("TRƯỞNG BAN", authority="TM.", head_title="BAN CHỈ ĐẠO"),
    )


def render(report: IssuedReport, extension: str) -> bytes:
    if extension == "xlsx":
        return render_xlsx(report)
    if extension == "docx":
        return render_docx(letter(report).document())
    if extension == "pdf":
        return render_pdf(letter(report).document())
    raise Http404(_("Reports are downloaded as DOCX, PDF or XLSX."))


def download(report: IssuedReport, extension: str) -> HttpResponse:
    if extension not in EXTENSIONS:
        raise Http404(_("Reports are downloaded as DOCX, PDF or XLSX."))
    return official.download(render(report, extension), extension, file_name(report, extension))
