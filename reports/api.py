"""The situation figures as JSON (GET /api/v1/dashboard?unit=&scheme=) and the weekly reports to
the People's Committee: list, issue, read one with its figures, download its files."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status

from accounts.api import AUTH
from accounts.http import request_user
from lib.pagination import Mapped, paged
from lib.routes import Router
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from . import documents
from .actions import issue_weekly_report
from .models import IssuedReport
from .queries import as_json, get_issued_report, situation, situation_unit, visible_issued_reports

router = Router(tags=["situation"], auth=AUTH)


class DashboardFilter(Schema):
    unit: str | None = None
    scheme: Literal["legacy", "2025"] | None = None


@router.get(
    "/dashboard",
    response=dict[str, Any],
    access="officers",
    summary="The situation of a unit in the caller's jurisdiction (the widest one by default)",
    description="Places by state, overdue and never assessed; inspections done and planned in the last 30 days; "
    "screening in progress; violations decided and published; levels and zones; villages reached in 7/14/30 "
    "days; citizens' reports received, answered and overdue; the same per unit one level down.",
)
def dashboard(request: HttpRequest, filters: Query[DashboardFilter]) -> Any:
    return as_json(situation(request.user, situation_unit(request.user, filters.unit, filters.scheme)))


class WeeklyIn(Schema):
    unit: str | None = Field(None, description="code of the reporting unit; the caller's widest unit by default")
    scheme: SchemeName | None = None
    start: date = Field(description="first day of the period (YYYY-MM-DD)")
    end: date = Field(description="last day of the period, at most 7 days after the first, not after today")


class IssuedReportOut(Schema):
    id: int
    unit: UnitRefOut
    kind: str
    period_start: date
    period_end: date
    number: int
    symbol: str
    reference: str
    issued_at: datetime
    issued_by: str | None
    files: dict[str, str]


class IssuedReportDetailOut(IssuedReportOut):
    figures: dict[str, Any]


def _issued_view(report: IssuedReport, with_figures: bool = False) -> dict[str, Any]:
    unit = report.unit
    view: dict[str, Any] = {
        "id": report.pk,
        "unit": {"code": unit.code, "scheme": unit.scheme, "level": unit.level, "name": unit.name},
        "kind": report.kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "number": report.number,
        "symbol": report.symbol,
        "reference": report.reference,
        "issued_at": report.issued_at,
        "issued_by": report.issued_by.get_username() if report.issued_by else None,
        "files": {
            extension: reverse("api:weekly_report_file", kwargs={"report_id": report.pk, "extension": extension})
            for extension in documents.EXTENSIONS
        },
    }
    if with_figures:
        view["figures"] = report.figures
    return view


@router.get(
    "/weekly-reports",
    response=list[IssuedReportOut],
    access="officers",
    summary="Weekly reports issued by a unit of the caller's jurisdiction and the units under it",
)
@paged
def list_weekly_reports(request: HttpRequest, filters: Query[SubtreeFilter]):  # type: ignore[no-untyped-def]
    unit = situation_unit(request.user, filters.unit, filters.scheme)
    found = visible_issued_reports(request.user).filter(unit_path__under=unit.path)
    ordered = found.select_related("unit", "issued_by").order_by("-period_end", "unit_path", "-pk")
    return Mapped(ordered, _issued_view)


@router.post(
    "/weekly-reports",
    response={201: IssuedReportDetailOut},
    access="signed-in",
    summary="Issue a unit's weekly report for a period",
    description="Officers of the unit or above it. The figures are those of the situation view for the period, "
    "kept as they are at issue: the report never changes. A unit issues one report per period.",
)
def issue_weekly(request: HttpRequest, payload: WeeklyIn) -> Any:
    unit = situation_unit(request.user, payload.unit, payload.scheme)
    report = issue_weekly_report(request_user(request), unit, payload.start, payload.end)
    return Status(201, _issued_view(report, with_figures=True))


@router.get(
    "/weekly-reports/{report_id}",
    response=IssuedReportDetailOut,
    access="nobody",
    summary="An issued weekly report with its figures",
)
def weekly_report(request: HttpRequest, report_id: int) -> Any:
    return _issued_view(get_issued_report(request.user, report_id), with_figures=True)


@router.get(
    "/weekly-reports/{report_id}/{extension}",
    access="nobody",
    summary="An issued weekly report as DOCX or PDF (the official layout) or XLSX: extension docx, pdf or xlsx",
    url_name="weekly_report_file",
)
def weekly_report_file(request: HttpRequest, report_id: int, extension: str) -> HttpResponse:
    if extension not in documents.EXTENSIONS:
        raise Http404(_("Reports are downloaded as DOCX, PDF or XLSX."))
    return documents.download(get_issued_report(request.user, report_id), extension)
