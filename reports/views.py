"""The situation view of a unit for its officers, drilling down the unit tree, and the unit's
weekly reports to the People's Committee: preview, issue, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import jurisdiction
from lib.forms import add_errors

from . import documents
from .actions import REPORTING_LEVELS, issue_weekly_report
from .forms import WeekForm
from .queries import breadcrumb, get_issued_report, issued_reports_of, situation, situation_unit
from .weekly import check_period, last_week, sections, snapshot, title_line, unit_tables


@login_required
def situation_page(request: HttpRequest) -> HttpResponse:
    unit = situation_unit(request.user, request.GET.get("unit"), request.GET.get("scheme"))
    found = situation(request.user, unit)
    context = {"s": found, "unit": unit, "parents": breadcrumb(request.user, unit), "reporting": unit.pk is not None}
    return render(request, "reports/situation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def weekly_page(request: HttpRequest) -> HttpResponse:
    """GET: the period (last week by default), its figures as the report will say them, and the
    unit's issued reports; POST: issue the report."""
    unit = situation_unit(request.user, request.GET.get("unit"), request.GET.get("scheme"))
    week = last_week()
    data = request.POST if request.method == "POST" else (request.GET if "start" in request.GET else None)
    form = WeekForm(data, initial={"start": week.start, "end": week.end})
    figures = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = issue_weekly_report(request.user, unit, form.cleaned_data["start"], form.cleaned_data["end"])
        except ValidationError as invalid:
            add_errors(form, invalid, name_unknown=False)
        else:
            messages.success(request, _("Report %(reference)s issued.") % {"reference": issued.reference})
            return redirect(f"{request.path}?unit={unit.code}&scheme={unit.scheme}")
    elif data is None or form.is_valid():
        start = form.cleaned_data["start"] if data is not None else week.start
        end = form.cleaned_data["end"] if data is not None else week.end
        try:
            figures = snapshot(unit, check_period(start, end, timezone.localdate()))
        except ValidationError as invalid:
            add_errors(form, invalid, name_unknown=False)
    context = {
        "unit": unit,
        "form": form,
        "figures": figures,
        "title": title_line(figures) if figures else "",
        "sections": sections(figures) if figures else [],
        "tables": unit_tables(figures) if figures else [],
        "issued": issued_reports_of(request.user, unit),
        "extensions": documents.EXTENSIONS,
        "can_issue": unit.level in REPORTING_LEVELS and jurisdiction.can_change_unit(request.user, unit),
        "parents": breadcrumb(request.user, unit),
    }
    return render(request, "reports/weekly.html", context, status=200 if form.is_valid() or data is None else 422)


@login_required
def weekly_download(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    report = get_issued_report(request.user, pk)
    return documents.download(report, extension)
