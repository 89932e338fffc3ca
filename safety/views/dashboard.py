"""The officers' view of the safety system in their jurisdiction: counts, overdue places, export."""

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import jurisdiction
from lib.downloads import form_errors, refusal, xlsx_download
from lib.forms import StyledForm
from lib.routes import route
from lib.sheets import sheet_row, text_cell
from territory.models import AdminUnit

from .. import dashboard
from ..dashboard import Which
from ..models import STATE_COLOURS, Establishment, EstablishmentType, PublicState

PAGE_SIZE = 50
EXPORT_LIMIT = 200_000  # rows; a bigger export must be narrowed by unit or type


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit", "").strip())
    overview = dashboard.overview(request.user, unit, timezone.now())
    context = {
        "unit": unit,
        "ancestors": jurisdiction.visible_ancestors(request.user, unit),
        "overview": overview,
        "states": dashboard.state_labels(),
    }
    return render(request, "safety/dashboard/index.html", context)


class FollowUpFilter(StyledForm):
    unit = forms.CharField(label=gettext_lazy("Unit code"), required=False, max_length=20)
    type = forms.ModelChoiceField(
        label=gettext_lazy("Type of place"),
        queryset=EstablishmentType.objects.order_by("position", "name"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All types"),
    )
    which = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[
            (Which.BOTH, gettext_lazy("Overdue or never assessed")),
            (Which.OVERDUE, gettext_lazy("Overdue")),
            (Which.NEVER, gettext_lazy("Never assessed")),
        ],
        required=False,
    )


def _follow_up(request: HttpRequest) -> tuple[FollowUpFilter, AdminUnit, QuerySet[Establishment] | None, datetime]:
    """The filter as asked, the unit, and the matching places (None when the filter is bad)."""
    form = FollowUpFilter(request.GET)
    now = timezone.now()
    if not form.is_valid():
        return form, jurisdiction.unit_or_home(request.user, None), None, now
    unit = jurisdiction.unit_or_home(request.user, form.cleaned_data["unit"].strip())
    places = dashboard.follow_up(
        request.user, unit, now, which=form.cleaned_data["which"] or Which.BOTH, kind=form.cleaned_data["type"]
    )
    return form, unit, places, now


def _days_overdue(place: Establishment, now: datetime) -> int | None:
    return (now - place.valid_until).days if place.valid_until and place.valid_until < now else None


@login_required
def overdue_page(request: HttpRequest) -> HttpResponse:
    form, unit, places, now = _follow_up(request)
    if not form.data.get("unit"):
        # The filter's box shows the unit the list is of.
        form.data = {**form.data, "unit": unit.code}
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page")) if places is not None else None
    # Labels are translated once per page, not once per row.
    labels = {state: str(state.label) for state in PublicState}
    rows = [
        (place, _days_overdue(place, now), STATE_COLOURS[PublicState(place.state)], labels[PublicState(place.state)])
        for place in (page or [])
    ]
    context = {
        "form": form,
        "unit": unit,
        "ancestors": jurisdiction.visible_ancestors(request.user, unit),
        "page": page,
        "rows": rows,
        "export_query": request.GET.urlencode(),
    }
    return render(request, "safety/dashboard/overdue.html", context, status=200 if places is not None else 400)


EXPORT_COLUMNS = [
    gettext_lazy("Place"),
    gettext_lazy("Type"),
    gettext_lazy("Commune or village"),
    gettext_lazy("Address"),
    gettext_lazy("Public state"),
    gettext_lazy("Valid until"),
    gettext_lazy("Days overdue"),
    gettext_lazy("Contact person"),
    gettext_lazy("Contact phone"),
    gettext_lazy("Public code"),
]


@login_required
def overdue_export(request: HttpRequest) -> HttpResponse | FileResponse:
    """The same list as the page, every row, as an Excel workbook written row by row."""
    form, unit, places, now = _follow_up(request)
    if places is None:
        return refusal(form_errors(form))
    count = places.count()
    if count > EXPORT_LIMIT:
        message = _("%(count)d places match: narrow the list by unit or type to export at most %(limit)d.") % {
            "count": count,
            "limit": EXPORT_LIMIT,
        }
        return refusal(message, 413)
    filename = f"qua-han-tu-danh-gia-{unit.code}-{timezone.localdate(now):%Y%m%d}.xlsx"
    return xlsx_download(lambda handle: _write_workbook(handle, places, now), filename)


def _write_workbook(handle: Any, places: QuerySet[Establishment], now: datetime) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Overdue"))
    sheet.append([str(title) for title in EXPORT_COLUMNS])
    labels = {state.value: str(state.label) for state in PublicState}

    def text(value: str) -> WriteOnlyCell:
        # Names come from people: "=…" must stay text, never become a formula.
        return text_cell(sheet, value)

    rows = places.values_list(
        "name",
        "type__name",
        "unit__name",
        "address",
        "state",
        "valid_until",
        "contact_name",
        "contact_phone",
        "public_code",
    )
    for name, kind, unit_name, address, state, valid_until, contact, phone, code in rows.iterator(chunk_size=2000):
        local = timezone.localtime(valid_until).replace(tzinfo=None) if valid_until else None
        days = (now - valid_until).days if valid_until and valid_until < now else None
        sheet.append(
            sheet_row(
                [
                    text(name),
                    kind,
                    unit_name,
                    text(address),
                    labels.get(state, state),
                    local,
                    days,
                    text(contact),
                    text(phone),
                    code,
                ]
            )
        )
    workbook.save(handle)


urlpatterns = [
    route("safety/", dashboard_page, name="dashboard", access="officers"),
    route("safety/overdue/", overdue_page, name="overdue", access="officers"),
    route("safety/overdue.xlsx", overdue_export, name="overdue_export", access="officers"),
]
