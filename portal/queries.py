"""Who sees which report; the public list; the figures of a jurisdiction."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from territory.models import AdminUnit

from .models import OPEN_STATUSES, PUBLISHED_STATUSES, Report, ReportCategory, ReportStatus


def active_categories() -> QuerySet[ReportCategory]:
    return ReportCategory.objects.filter(is_active=True)


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    """Every report handled in the user's jurisdiction, whatever its state."""
    return jurisdiction.filter_by_unit(user, Report.objects.all(), path_field="unit_path")


def get_report(user: AnyUser, pk: int) -> Report:
    report = (
        visible_reports(user)
        .select_related("category", "unit", "place_unit", "establishment", "assigned_to", "escalated_to")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404(_("No report with this number is visible to you."))
    return report


def published_reports() -> QuerySet[Report]:
    """Accepted reports with the text an officer approved; never the reporter's own words."""
    return Report.objects.filter(status__in=PUBLISHED_STATUSES).exclude(public_text="")


def get_by_tracking_code(code: str) -> Report:
    report = (
        Report.objects.select_related("category", "unit", "place_unit")
        .filter(tracking_code=(code or "").strip().upper())
        .first()
    )
    if report is None:
        raise Http404(_("No report has this tracking code."))
    return report


def overdue(reports: QuerySet[Report], now: datetime | None = None) -> QuerySet[Report]:
    return reports.filter(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def escalated_to(user: AnyUser, reports: QuerySet[Report]) -> QuerySet[Report]:
    """Overdue reports escalated to one of the units the user works at."""
    units = jurisdiction.scope_units(user)
    if user.is_authenticated and user.is_superuser:
        return reports.filter(escalated_to__isnull=False, status__in=OPEN_STATUSES)
    return reports.filter(escalated_to__in=units, status__in=OPEN_STATUSES)


def apply_filters(
    reports: QuerySet[Report], unit: AdminUnit | None = None, category: str = "", status: str = ""
) -> QuerySet[Report]:
    if unit is not None:
        reports = reports.filter(unit_path__startswith=unit.path)
    if category:
        reports = reports.filter(category__code=category)
    if status:
        reports = reports.filter(status=status)
    return reports


def tally(reports: QuerySet[Report], now: datetime | None = None) -> dict[str, int]:
    """Received, answered, open and overdue, in one query."""
    now = now or timezone.now()
    answered = Q(status__in=[ReportStatus.ANSWERED, ReportStatus.CLOSED])
    return reports.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=answered),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
    )
