"""The summary report of a directive "for the Provincial People's Committee (b/c)": DOCX/PDF in the
official layout, and XLSX with one sheet per table."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from directives.documents import Columns, Document, Para, Rule, Table
from directives.official import letter_head, numeric_date
from lib.sheets import sheet_row

from .reports import Summary


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _short(text: str, limit: int = 140) -> str:
    """The start of a content item, cut at a word, for a table cell."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def build(summary: Summary) -> Document:
    directive = summary.directive
    blocks: list[Para | Rule | Columns | Table] = [
        letter_head(directive, [], summary.today),
        Para.text("BÁO CÁO", bold=True, align="center", space_before=12),
        Para.text(
            f"Kết quả thực hiện Công văn số {directive.reference} ngày {numeric_date(directive.issued_on)}"
            if directive.issued_on
            else f"Kết quả thực hiện Công văn số {directive.reference}",
            bold=True,
            align="center",
        ),
        Para.text(f"V/v {directive.subject}", italic=True, align="center", size=13, space_after=6),
        Para.text("Kính gửi: Ủy ban nhân dân tỉnh.", align="center", space_after=8),
        Para.text(
            f"Tính đến ngày {numeric_date(summary.today)}, văn bản đã gửi đến {summary.recipients} cơ quan, đơn vị; "
            f"{summary.opened} đơn vị đã mở, {summary.acknowledged} đơn vị đã xác nhận, {summary.reported} đơn vị "
            f"đã báo cáo {_number(summary.total_activities)} hoạt động tuyên truyền; "
            f"{summary.villages_reached}/{summary.villages} thôn, buôn, bon, tổ dân phố đã được tuyên truyền đến "
            f"({_share(summary.villages_reached, summary.villages)}).",
            align="justify",
            first_line_mm=10,
            space_after=6,
        ),
        Para.text("1. Theo nội dung", bold=True, space_after=3),
        Table(
            ["Nội dung", "Số hoạt động"],
            [[_short(line.label), _number(line.activities)] for line in summary.items],
            [0.8, 0.2],
            numeric={1},
        ),
        Para.text("2. Theo hình thức", bold=True, space_after=3),
        Table(
            ["Hình thức", "Số hoạt động", "Số lượng", "Đơn vị tính"],
            [[line.label, _number(line.activities), _number(line.quantity), line.measure] for line in summary.channels]
            + [["Tổng cộng", _number(summary.total_activities), "", ""]],
            [0.46, 0.18, 0.18, 0.18],
            numeric={1, 2},
            bold_last_row=True,
        ),
        Para.text("3. Theo địa bàn", bold=True, space_after=3),
        Table(
            ["Địa bàn", "Số hoạt động", "Thôn, buôn, bon, TDP", "Đã tuyên truyền đến", "Tỷ lệ"],
            [
                [
                    line.label,
                    _number(line.activities),
                    _number(line.extra["villages"]),
                    _number(line.extra["reached"]),
                    _share(line.extra["reached"], line.extra["villages"]),
                ]
                for line in summary.districts
            ],
            [0.32, 0.15, 0.19, 0.19, 0.15],
            numeric={1, 2, 3, 4},
        ),
        Para.text("4. Cơ quan, đơn vị chậm báo cáo", bold=True, space_after=3),
    ]
    if summary.late:
        blocks += [Para.text(f"- {d.organisation.name};", size=13) for d in summary.late]
    else:
        blocks.append(Para.text("Không có.", size=13))
    received = [
        Para.text("Nơi nhận:", bold=True, italic=True, size=12, space_before=12),
        Para.text("- UBND tỉnh (b/c);", size=11),
        Para.text("- Lưu: VT" + (f", {directive.archive_division}." if directive.archive_division else "."), size=11),
    ]
    signature = [Para.text(directive.issuing_body.upper(), bold=True, align="center", space_before=12)]
    blocks.append(Columns(received, signature, left_share=0.5))  # type: ignore[arg-type]
    return Document(title=f"Báo cáo kết quả thực hiện {directive.reference}", blocks=blocks)


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
