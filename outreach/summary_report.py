"""The summary report of a directive "for the Provincial People's Committee (b/c)": DOCX/PDF in the
official layout, and XLSX with one sheet per table."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from directives.documents import (
    Document,
    Letter,
    Letterhead,
    Signature,
    figures,
    heading,
    listed,
    number,
    numeric_date,
)
from directives.documents import paragraph as body_paragraph
from directives.official import subject_without_vv
from lib.sheets import sheet_row

from .reports import Summary


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _short(text: str, limit: int = 140) -> str:
    """The start of a content item, cut at a word, for a table cell."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def build(summary: Summary) -> Document:
    directive = summary.directive
    about = f"Kết quả thực hiện Công văn số {directive.reference}"
    if directive.issued_on:
        about += f" ngày {numeric_date(directive.issued_on)}"
    late = listed([d.organisation.name for d in summary.late]) or [body_paragraph("Không có.")]
    letter = Letter(
        head=Letterhead(
            issuing_body=directive.issuing_body,
            parent_body=directive.parent_body,
            place=directive.place,
            day=summary.today,
        ),
        kind="BÁO CÁO",
        subject=f"{about} về việc {subject_without_vv(directive.subject)}",
        addressees=["Ủy ban nhân dân tỉnh"],
        body=[
            body_paragraph(
                f"Tính đến ngày {numeric_date(summary.today)}, văn bản đã gửi đến {summary.recipients} cơ quan, "
                f"đơn vị; {summary.opened} đơn vị đã mở, {summary.acknowledged} đơn vị đã xác nhận, "
                f"{summary.reported} đơn vị đã báo cáo {number(summary.total_activities)} hoạt động tuyên truyền; "
                f"{summary.villages_reached}/{summary.villages} thôn, buôn, bon, tổ dân phố đã được tuyên truyền "
                f"đến ({_share(summary.villages_reached, summary.villages)})."
            ),
            heading("1. Theo nội dung"),
            figures(
                ["Nội dung", "Số hoạt động"],
                [[_short(line.label), line.activities] for line in summary.items],
                [0.8, 0.2],
            ),
            heading("2. Theo hình thức"),
            figures(
                ["Hình thức", "Số hoạt động", "Số lượng", "Đơn vị tính"],
                [[line.label, line.activities, line.quantity, line.measure] for line in summary.channels],
                [0.46, 0.18, 0.18, 0.18],
                total="Tổng cộng",
                summed={1},  # quantities of different units do not add up
            ),
            heading("3. Theo địa bàn"),
            figures(
                ["Địa bàn", "Số hoạt động", "Thôn, buôn, bon, TDP", "Đã tuyên truyền đến", "Tỷ lệ"],
                [
                    [
                        line.label,
                        line.activities,
                        line.extra["villages"],
                        line.extra["reached"],
                        _share(line.extra["reached"], line.extra["villages"]),
                    ]
                    for line in summary.districts
                ],
                [0.32, 0.15, 0.19, 0.19, 0.15],
                numeric={1, 2, 3, 4},
            ),
            heading("4. Cơ quan, đơn vị chậm báo cáo"),
            *late,
        ],
        recipients=["UBND tỉnh (b/c)"],
        archive="VT" + (f", {directive.archive_division}" if directive.archive_division else ""),
        signature=Signature(directive.issuing_body),
    )
    return letter.document()


def render_xlsx(summary: Summary) -> bytes:
    workbook = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], rows: list[list[object]], first: bool = False) -> None:
        ws = workbook.active if first else workbook.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(sheet_row(row))
        ws.column_dimensions["A"].width = 60

    directive = summary.directive
    sheet(
        "Tổng hợp",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Văn bản", directive.reference],
            ["Trích yếu", directive.subject],
            ["Tính đến ngày", summary.today],
            ["Số cơ quan, đơn vị nhận", summary.recipients],
            ["Đã mở", summary.opened],
            ["Đã xác nhận", summary.acknowledged],
            ["Đã báo cáo", summary.reported],
            ["Số hoạt động", summary.total_activities],
            ["Số thôn, buôn, bon, TDP", summary.villages],
            ["Đã tuyên truyền đến", summary.villages_reached],
        ],
        first=True,
    )
    sheet("Theo nội dung", ["Nội dung", "Số hoạt động"], [[line.label, line.activities] for line in summary.items])
    sheet(
        "Theo hình thức",
        ["Hình thức", "Số hoạt động", "Số lượng", "Đơn vị tính"],
        [[line.label, line.activities, line.quantity, line.measure] for line in summary.channels],
    )
    sheet(
        "Theo địa bàn",
        ["Địa bàn", "Số hoạt động", "Thôn, buôn, bon, TDP", "Đã tuyên truyền đến"],
        [[line.label, line.activities, line.extra["villages"], line.extra["reached"]] for line in summary.districts],
    )
    sheet(
        "Chậm báo cáo",
        ["Cơ quan, đơn vị", "Đã xác nhận", "Báo cáo gần nhất"],
        [
            [
                d.organisation.name,
                "có" if d.acknowledged_at else "chưa",
                d.last_reported_at.date() if d.last_reported_at else "",
            ]
            for d in summary.late
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
