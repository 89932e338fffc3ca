"""The A4 QR poster a place displays at its entrance: name, type, address, the place's state when
printed and a big QR code opening its public page. Vector only (the QR code is drawn as filled
squares), in Roboto, which has every Vietnamese letter."""

from datetime import datetime
from importlib import resources

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from lib.conflict import Conflict
from lib.qr import draw_qr

from . import public
from .models import Establishment, OperatingStatus, Registration

FONT = "Roboto"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 210.0, 297.0, 15.0
QR_MAX_SIZE = 110.0
BOTTOM_BLOCK = 78.0  # the state box, the scan line and the footer under the QR code


class PosterUnavailable(Conflict):
    """The place has no public page yet (waiting for acceptance, or rejected)."""


def visible_place(user: AnyUser, pk: int) -> Establishment:
    """A place the user may print a poster for: one of their own, or one in their jurisdiction.
    Unknown → 404; someone else's place → 403."""
    place = get_object_or_404(Establishment.objects.select_related("type", "unit"), pk=pk)
    allowed = jurisdiction.filter_by_unit(
        user, Establishment.objects.filter(pk=pk), path_field="unit_path", owner_field="owners"
    )
    if not allowed.exists():
        raise PermissionDenied
    if place.registration != Registration.ACCEPTED:
        raise PosterUnavailable(_("The place has no public page until its registration is accepted."))
    return place


def _font_file(name: str) -> str:
    return str(resources.files("font_roboto") / "files" / name)


def _date(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y") if moment else ""


def render_poster(place: Establishment, url: str, now: datetime | None = None) -> bytes:
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        facts = public.place_facts(place, now)
        province = public.province_of(place.unit)
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_auto_page_break(False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.add_font(FONT, "", _font_file("Roboto-Regular.ttf"))
        pdf.add_font(FONT, "B", _font_file("Roboto-Bold.ttf"))
        pdf.set_title(place.name)
        pdf.set_subject(_("QR poster of the COVID-19 safety system"))
        pdf.set_creator(str(_("Epidemic prevention")))
        pdf.set_lang(settings.LANGUAGE_CODE)
        pdf.add_page()
        width = PAGE_WIDTH - 2 * MARGIN

        pdf.set_text_color(33, 37, 41)
        pdf.set_font(FONT, "B", 12)
        pdf.cell(width, 6, province.name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 11)
        pdf.cell(width, 6, _("COVID-19 safety system"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FONT, "B", 24)
        pdf.multi_cell(width, 10, place.name, align="C", new_x="LMARGIN", new_y="NEXT", max_line_height=10)
        pdf.ln(1)
        pdf.set_font(FONT, "", 13)
        pdf.multi_cell(width, 6.5, facts["type_name"], align="C", new_x="LMARGIN", new_y="NEXT")
        address = ", ".join(part for part in (place.address, facts["area"]) if part)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(width, 5.5, address, align="C", new_x="LMARGIN", new_y="NEXT")

        top = pdf.get_y() + 2
        size = min(QR_MAX_SIZE, PAGE_HEIGHT - MARGIN - BOTTOM_BLOCK - top)
        draw_qr(pdf, url, (PAGE_WIDTH - size) / 2, top, size)
        pdf.set_xy(MARGIN, top + size)
        pdf.set_font(FONT, "B", 16)
        pdf.cell(width, 9, _("Scan the code to see how safe this place is"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

        box_top = pdf.get_y()
        pdf.set_fill_color(facts["colour"])
        pdf.set_text_color(facts["text_colour"])
        pdf.rect(MARGIN + 20, box_top, width - 40, 24, style="F", round_corners=True, corner_radius=3)
        pdf.set_xy(MARGIN + 20, box_top + 2)
        pdf.set_font(FONT, "B", 22)
        pdf.cell(width - 40, 11, facts["state_label"].upper(), align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 11)
        pdf.cell(width - 40, 8, _status_line(facts, now), align="C", new_x="LMARGIN", new_y="NEXT")

        pdf.set_text_color(33, 37, 41)
        pdf.set_y(box_top + 27)
        if place.status != OperatingStatus.OPERATING:
            pdf.set_font(FONT, "B", 13)
            notice = _("Closed") if facts["closed"] else _("Temporarily suspended")
            pdf.cell(width, 7, notice, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(PAGE_HEIGHT - MARGIN - 12)
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(width, 5, url, align="C", new_x="LMARGIN", new_y="NEXT")
        footer = _("Code %(code)s · printed on %(date)s · %(province)s") % {
            "code": place.public_code,
            "date": _date(now),
            "province": province.name,
        }
        pdf.cell(width, 5, footer, align="C")
        return bytes(pdf.output())


def _status_line(facts: dict[str, object], now: datetime) -> str:
    if facts["never_assessed"]:
        return _("Not assessed yet · as of %(date)s") % {"date": _date(now)}
    assessed_at = facts["assessed_at"]
    valid_until = facts["valid_until"]
    assert isinstance(assessed_at, datetime)
    line = _("Assessed on %(date)s") % {"date": _date(assessed_at)}
    if isinstance(valid_until, datetime):
        line += " · " + _("valid until %(date)s") % {"date": _date(valid_until)}
    return line


def poster_response(request: HttpRequest, place: Establishment) -> HttpResponse:
    url = request.build_absolute_uri(public.place_url(place.public_code))
    response = HttpResponse(render_poster(place, url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{place.public_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
