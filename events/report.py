"""The report of an exam or election for a unit, after the event: DOCX/PDF in the official
layout of the directives' documents, and XLSX, from the same rows."""

import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from directives.documents import Document, Para, Table
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


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _total(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {key: sum(row[key] for row in rows) for key in KEYS}


def build(event: Event, unit: AdminUnit, rows: list[dict[str, Any]], today: date) -> Document:
    total = _total(rows)
    period = event.starts_on.strftime("%d/%m/%Y")
    if event.ends_on != event.starts_on:
        period += f" – {event.ends_on:%d/%m/%Y}"
    blocks: list[Any] = [
        Para.text(unit.name.upper(), bold=True, align="center", size=13),
        Para.text("BÁO CÁO", bold=True, align="center", space_before=12),
        Para.text(f"Công tác phòng, chống dịch COVID-19 phục vụ {event.name}", bold=True, align="center"),
        Para.text(f"({period})", italic=True, align="center", size=13, space_after=8),
        Para.text(
            f"Trên địa bàn {unit.running_name} có {_number(total['sites'])} địa điểm; "
            f"{_number(total['approved'])} địa điểm có phương án phòng, chống dịch được phê duyệt; "
            f"{_number(total['present'])} người có mặt; {_number(total['served'])} cử tri đang cách ly, điều trị "
            f"bỏ phiếu qua hòm phiếu phụ; {_number(total['incidents'])} sự cố được ghi nhận và xử lý.",
            align="justify",
            first_line_mm=10,
            space_after=6,
        ),
        Table(
            HEADER,
            [[row["unit"].name] + [_number(row[key]) for key in KEYS] for row in rows]
            + [["Tổng cộng"] + [_number(total[key]) for key in KEYS]],
            [0.23, 0.1, 0.12, 0.12, 0.11, 0.12, 0.1, 0.1],
            numeric=set(range(1, 8)),
            size=10,
            bold_last_row=True,
        ),
        Para.text(f"Ngày {today:%d/%m/%Y}", italic=True, align="right", space_before=12),
    ]
    return Document(title=f"Báo cáo {event.name} — {unit.name}", blocks=blocks)


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
