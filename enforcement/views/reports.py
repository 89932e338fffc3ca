"""The report of a jurisdiction over a period, on a page and as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import jurisdiction
from inspections.periods import Period, parse_period, recent_period
from lib.downloads import form_errors, refusal, xlsx_download
from lib.routes import route
from territory.models import AdminUnit

from .. import reports
from ..forms import ReportForm


def _asked(request: HttpRequest) -> tuple[ReportForm, AdminUnit | None, Period | None]:
    form = ReportForm(request.user, request.GET)
    if not form.is_valid():
        return form, None, None
    asked = form.cleaned_data["unit"]
    unit = jurisdiction.unit_or_home(request.user, asked and asked.code, asked and asked.scheme)
    try:
        period = parse_period(form.cleaned_data["period"]) or recent_period()
    except ValidationError as invalid:
        form.add_error("period", invalid.message_dict["period"])
        return form, unit, None
    return form, unit, period


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    form, unit, period = _asked(request)
    if unit is None or period is None:
        return render(request, "enforcement/report.html", {"form": form}, status=400)
    context = {
        "form": form,
        "unit": unit,
        "ancestors": jurisdiction.visible_ancestors(request.user, unit),
        "report": reports.build(unit, period),
        "query": request.GET.urlencode(),
    }
    return render(request, "enforcement/report.html", context)


@login_required
def report_workbook(request: HttpRequest) -> HttpResponse | FileResponse:
    form, unit, period = _asked(request)
    if unit is None or period is None:
        return refusal(form_errors(form))
    filename = f"bao-cao-kiem-tra-vi-pham-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return xlsx_download(lambda handle: reports.write_workbook(handle, reports.build(unit, period)), filename)


urlpatterns = [
    route("enforcement/report/", report_page, name="report", access="officers"),
    route("enforcement/report.xlsx", report_workbook, name="report_xlsx", access="officers"),
]
