"""The printed goods permit, A4 or A6, in Vietnamese (its wording is data: data/permit_card.json):
plate, operator, goods, route, validity and a QR code opening the checkpoint page with the
signed code. Vector only, in Roboto, which has every Vietnamese letter."""

import json
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF

from lib.qr import draw_qr

from .computing import province_of
from .models import GoodsPermit
from .permit_codes import sign

FONT = "Roboto"
SIZES = {"a4": (210.0, 297.0, 15.0), "a6": (105.0, 148.0, 6.0)}
TEXT = Path(__file__).parent / "data" / "permit_card.json"


@cache
def card_text() -> dict[str, str]:
    return json.loads(TEXT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _font_file(name: str) -> str:
    return str(resources.files("font_roboto") / "files" / name)


def checkpoint_url(request: HttpRequest, permit: GoodsPermit) -> str:
    return request.build_absolute_uri(reverse("zones:checkpoint") + "?" + urlencode({"code": sign(permit)}))


def _facts(permit: GoodsPermit) -> list[tuple[str, str]]:
    t = card_text()
    goods = permit.goods_type.name + (f" — {permit.goods_detail}" if permit.goods_detail else "")
    vehicle = permit.vehicle_kind
    rows = [
        (t["operator"], permit.operator_name),
        (t["driver"], permit.driver_name),
        (t["goods"], goods),
        (t["route"], permit.route_text.replace("→", "›")),  # Roboto has no arrow
        (
            t["validity"],
            t["validity_range"].format(start=f"{permit.valid_from:%d/%m/%Y}", end=f"{permit.valid_until:%d/%m/%Y}"),
        ),
    ]
    if vehicle:
        rows.insert(0, (t["vehicle"], vehicle))
    return rows


def render_card(permit: GoodsPermit, url: str, size: str = "a4") -> bytes:
    width, height, margin = SIZES[size]
    small = size == "a6"
    t = card_text()
    pdf = FPDF(format=(width, height), unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(margin, margin, margin)
    pdf.add_font(FONT, "", _font_file("Roboto-Regular.ttf"))
    pdf.add_font(FONT, "B", _font_file("Roboto-Bold.ttf"))
    pdf.set_title(f"{t['title']} {permit.number}")
    pdf.set_creator("Phòng dịch")
    pdf.set_lang("vi")
    pdf.add_page()
    inner = width - 2 * margin
    scale = 0.5 if small else 1.0

    pdf.set_text_color(33, 37, 41)
    pdf.set_font(FONT, "B", 12 * scale + (2 if small else 0))
    pdf.cell(inner, 6 * scale + 1, province_of(permit.origin).name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 16 * scale + (2 if small else 0))
    pdf.multi_cell(inner, 7 * scale + 2, t["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10 * scale + (2 if small else 0))
    pdf.multi_cell(inner, 5 * scale + 1, t["subtitle"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11 * scale + (2 if small else 0))
    pdf.cell(inner, 6 * scale + 1, f"{t['number']}: {permit.number}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2 * scale)

    # The plate, as large as the page allows: what a checkpoint reads first.
    plate_height = 22 * scale + 2
    top = pdf.get_y()
    pdf.set_draw_color(33, 37, 41)
    pdf.set_line_width(0.8 * scale + 0.2)
    pdf.rect(margin + inner * 0.15, top, inner * 0.7, plate_height, round_corners=True, corner_radius=2)
    pdf.set_xy(margin, top + 1)
    pdf.set_font(FONT, "", 9 * scale + 1)
    pdf.cell(inner, 4 * scale + 1, t["plate"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 34 * scale + 4)
    pdf.cell(inner, plate_height - 6 * scale - 2, permit.plate, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + plate_height + 3 * scale)

    qr_size = 100.0 if not small else 52.0
    if small:
        _facts_block(pdf, permit, inner, 7.5, 3.6)
        qr_top = pdf.get_y() + 1
        qr_size = min(qr_size, height - margin - 10 - qr_top)
        draw_qr(pdf, url, (width - qr_size) / 2, qr_top, qr_size)
        pdf.set_xy(margin, qr_top + qr_size)
    else:
        _facts_block(pdf, permit, inner, 12, 6.5)
        qr_top = pdf.get_y() + 4
        draw_qr(pdf, url, (width - qr_size) / 2, qr_top, qr_size)
        pdf.set_xy(margin, qr_top + qr_size)
    pdf.set_font(FONT, "B", 12 * scale + 2)
    pdf.cell(inner, 6 * scale + 1, t["scan"], align="C", new_x="LMARGIN", new_y="NEXT")
    if not small:
        pdf.ln(3)
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(inner, 5, t["notice"], align="C", new_x="LMARGIN", new_y="NEXT")
        decided = timezone.localtime(permit.decided_at) if permit.decided_at else None
        if decided:
            pdf.set_font(FONT, "", 10)
            pdf.cell(inner, 6, f"{t['issued_by']}: {decided:%d/%m/%Y}", align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _facts_block(pdf: FPDF, permit: GoodsPermit, inner: float, size: float, line: float) -> None:
    label_width = inner * 0.3
    for label, value in _facts(permit):
        pdf.set_font(FONT, "B", size)
        y = pdf.get_y()
        pdf.multi_cell(label_width, line, label, new_x="RIGHT", new_y="TOP")
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(inner - label_width, line, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), y + line))


def card_response(request: HttpRequest, permit: GoodsPermit, size: str) -> HttpResponse:
    response = HttpResponse(render_card(permit, checkpoint_url(request, permit), size), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="luong-xanh-{permit.number}-{size}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def card_sizes() -> list[str]:
    return list(SIZES)
