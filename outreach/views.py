"""Pages of outreach: report an activity, import a file of them, a directive's activities and
summary report, activities by channel, unit and period, and village coverage with its map."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.http import request_user
from directives import access, official
from directives.models import Delivery, Directive
from directives.queries import recipient_rows
from lib.downloads import workbook_download
from lib.forms import submit
from lib.importpage import import_form
from lib.pagination import page_number
from territory.models import Organisation

from . import actions, imports, reports, summary_report
from .forms import ActivityForm, ImportForm, PeriodForm


def _directive(request: HttpRequest, pk: int) -> Directive:
    directive = access.visible_directives(request.user).select_related("issuer").filter(pk=pk, status="issued").first()
    if directive is None:
        raise Http404(_("No such directive."))
    return directive


def _reporting(request: HttpRequest, pk: int) -> tuple[Directive, list[Organisation]]:
    """The directive and the user's organisations that received it, which report on it; 403 if none."""
    directive = _directive(request, pk)
    organisations = actions.reporting_organisations(request_user(request), directive)
    if not organisations:
        raise PermissionDenied(_("None of your organisations received this directive."))
    return directive, organisations


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    directive, organisations = _reporting(request, pk)
    form = ActivityForm(request.POST or None, request.FILES or None, directive=directive, organisations=organisations)

    def report_activity(data: dict[str, Any]) -> None:
        actions.report_activity(
            actions.ActivityData(
                directive=directive,
                content_item=data["content_item"],
                channel=data["channel"],
                quantity=data["quantity"],
                occurred_on=data["occurred_on"],
                organisation=data["organisation"],
                units=list(data["units"]),
                priority=data["priority"] or "",
                title=data["title"],
                evidence_url=data["evidence_url"].strip(),
                evidence_file=data["evidence_file"],
            ),
            by=request_user(request),
        )

    sent = submit(request, form, report_activity, _("Activity reported."), name_unknown=False)
    if sent.done:
        return redirect("outreach:report", pk=directive.pk)
    return render(request, "outreach/report.html", {"form": form, "directive": directive}, status=sent.status)


@login_required
def import_file(request: HttpRequest, pk: int) -> HttpResponse:
    directive, organisations = _reporting(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)

    def check(upload: Any) -> Any:
        organisation = form.cleaned_data["organisation"]
        return imports.check_file(
            upload, upload.name, directive=directive, organisation=organisation, by=request_user(request)
        )

    def run(checked: Any, skip_bad_rows: bool) -> str:
        count = imports.import_activities(checked, by=request_user(request), skip_bad_rows=skip_bad_rows)
        return _("%(n)d activities imported.") % {"n": count}

    checked, status = import_form(request, form, check, run)
    context = {
        "form": form,
        "directive": directive,
        "checked": checked,
        "columns": [n[0] for n in imports.COLUMNS.values()],
    }
    return render(request, "outreach/import.html", context, status=status)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([names[0] for names in imports.COLUMNS.values()])
    sheet.append(
        [
            1,
            "bao-in",
            2,
            timezone.localdate().strftime("%d/%m/%Y"),
            "",
            "",
            "Bài viết về phòng, chống dịch",
            "https://baodaknong.vn/",
        ]
    )
    return workbook_download(workbook, "mau-bao-cao-tuyen-truyen.xlsx")


@login_required
def directive_view(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _directive(request, pk)
    if not access.is_issuer_side(request.user, directive):
        # A recipient sees its own progress on the directive's page.
        raise PermissionDenied(_("Only the issuing side follows every recipient."))
    rows = recipient_rows(directive, Delivery.objects.all())
    matrix = reports.item_matrix(directive)
    items = list(directive.items.all())
    table = [(row, [matrix.get((item.pk, row.delivery.organisation_id), 0) for item in items]) for row in rows]
    context = {"directive": directive, "items": items, "table": table, "summary": reports.summary(directive)}
    return render(request, "outreach/directive.html", context)


@login_required
def summary_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    directive = _directive(request, pk)
    if not access.is_issuer_side(request.user, directive):
        raise PermissionDenied
    summary = reports.summary(directive)
    name = f"bao-cao-{official.file_name(directive, extension)}"
    if extension == "xlsx":
        return official.download(summary_report.render_xlsx(summary), "xlsx", name)
    return official.download(official.render(summary_report.build(summary), extension), extension, name)


@login_required
def activities(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    start, end, code = today - timedelta(days=29), today, ""
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        code = form.cleaned_data["unit"].strip()
    unit = jurisdiction.unit_or_home(request.user, code)
    table = reports.by_channel_and_unit(request.user, unit, start, end)
    context = {"form": form, "unit": unit, "table": table, "start": start, "end": end}
    return render(request, "outreach/activities.html", context, status=400 if form.is_bound and form.errors else 200)


MAP_LIMIT = 10_000
# The list under the map: a province has hundreds of villages; its districts' table comes first.
VILLAGES_PER_PAGE = 50


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit", "").strip())
    on = _day(request.GET.get("on", "").strip())
    result = reports.coverage(unit, on)
    # Compact rows for the map, [lat, lng, days since reached (-1 never, null not in 30 days), name,
    # commune]: a province's thousands of villages stay a small page.
    villages = [
        [v.latitude, v.longitude, -1 if not v.ever_reached else v.days_since, v.name, v.commune]
        for v in result.villages[:MAP_LIMIT]
        if v.latitude is not None and v.longitude is not None
    ]
    ancestors = jurisdiction.visible_ancestors(request.user, unit)
    context = {
        "coverage": result,
        "unit": unit,
        "ancestors": ancestors,
        "listed": Paginator(result.villages, VILLAGES_PER_PAGE).get_page(page_number(request.GET.get("page"))),
        "map_villages": villages,
        "map_tile_url": settings.MAP_TILE_URL,
        "windows": reports.WINDOWS,
    }
    return render(request, "outreach/coverage.html", context)
