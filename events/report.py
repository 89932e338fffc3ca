"""The report of an exam or election for a unit, after the event: DOCX/PDF in the official
layout of the directives' documents, and XLSX, from the same rows."""

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from directives.documents import Document, Letter, Letterhead, Signature, figures, number, paragraph
from territory.models import AdminUnit

from .models import Event

HEADER = [
    "Đơn vị",
    "Số địa điểm",
    "Phương án đã duyệt",
    "Kết thúc bình thường",
    "Chưa từng báo cáo",
    "Số người có mặt",
    "Hòm phiếu phụ",
    "Sự cố",
]
KEYS = ["sites", "approved", "closed", "not_reported", "present", "served", "incidents"]


def _total(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {key: sum(row[key] for row in rows) for key in KEYS}


def build(event: Event, unit: AdminUnit, rows: list[dict[str, Any]], today: date) -> Document:
    """The report in the layout of Nghị định 30: issued by the unit's People's Committee, under
    the one above it, to which it is sent."""
    total = _total(rows)
    period = event.starts_on.strftime("%d/%m/%Y")
    if event.ends_on != event.starts_on:
        period += f" – {event.ends_on:%d/%m/%Y}"
    parent = unit.parent
    letter = Letter(
        head=Letterhead(
            issuing_body=f"Ủy ban nhân dân {unit.name}",
            parent_body=f"UBND {parent.name}" if parent else "",
            place=unit.short_name,
            day=today,
        ),
        kind="BÁO CÁO",
        subject=f"Công tác phòng, chống dịch COVID-19 phục vụ {event.name} ({period})",
        body=[
            paragraph(
                f"Trên địa bàn {unit.running_name} có {number(total['sites'])} địa điểm; "
                f"{number(total['approved'])} địa điểm có phương án phòng, chống dịch được phê duyệt; "
                f"{number(total['present'])} người có mặt; {number(total['served'])} cử tri đang cách ly, điều trị "
                f"bỏ phiếu qua hòm phiếu phụ; {number(total['incidents'])} sự cố được ghi nhận và xử lý."
            ),
            figures(
                HEADER,
                [[row["unit"].name] + [row[key] for key in KEYS] for row in rows],
                [0.23, 0.1, 0.12, 0.12, 0.11, 0.12, 0.1, 0.1],
                total="Tổng cộng",
                numeric=set(range(1, 8)),
                size=10,
            ),
        ],
        recipients=[f"UBND {parent.running_name} (b/c)"] if parent else [],
        signature=Signature("CHỦ TỊCH", authority="TM.", head_title="ỦY BAN NHÂN DÂN"),
    )
    return letter.document()


def render_xlsx(event: Event, unit: AdminUnit, rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    sheet.append([event.name])
    sheet["A1"].font = Font(bold=True)
    sheet.append([f"{unit.name} — {event.starts_on:%d/%m/%Y}–{event.ends_on:%d/%m/%Y}"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row["unit"].name] + [row[key] for key in KEYS])
    total = _total(rows)
    sheet.append(["Tổng cộng"] + [total[key] for key in KEYS])
    handle = io.BytesIO()
    book.save(handle)
    return handle.getvalue()
