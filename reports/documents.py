"""An issued report's files, written from its snapshot on each download (so every copy reads the
same): XLSX with one sheet of the figures and one per table of the units below."""

import io
from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from directives import official
from lib.sheets import sheet_text

from .models import IssuedReport
from .weekly import dmy, sections, title_line, unit_tables

EXTENSIONS = ("xlsx",)
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


def render(report: IssuedReport, extension: str) -> bytes:
    if extension == "xlsx":
        return render_xlsx(report)
    raise Http404(_("Reports are downloaded as XLSX."))


def download(report: IssuedReport, extension: str) -> HttpResponse:
    if extension not in EXTENSIONS:
        raise Http404(_("Reports are downloaded as XLSX."))
    return official.download(render(report, extension), extension, file_name(report, extension))
