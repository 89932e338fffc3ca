"""Issuing reports to the People's Committee: on demand by an officer, or on schedule for every
unit where officers work. Issuing takes the figures' snapshot once; the report never changes."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from accounts.models import RoleAssignment, User
from territory.models import AdminUnit, Level

from .models import IssuedReport, ReportKind
from .weekly import SYMBOL, check_period, last_week, snapshot

REPORTING_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def issue_weekly_report(
    by: AnyUser, unit: AdminUnit, start: date | None, end: date | None, now: datetime | None = None
) -> IssuedReport:
    """Issue the unit's weekly report for the period, numbered in the unit's series of the year.

    PermissionDenied for a unit outside the officer's jurisdiction (inspectors only read);
    ValidationError for a bad period or a period already reported."""
    jurisdiction.require_unit(
        by, unit, change=True, message=_("Only officers of the unit or above it issue its reports.")
    )
    assert isinstance(by, User)
    return _issue(unit, start, end, by, now or timezone.now())


def _issue(unit: AdminUnit, start: date | None, end: date | None, by: User | None, now: datetime) -> IssuedReport:
    period = check_period(start, end, timezone.localdate(now))
    if unit.level not in REPORTING_LEVELS:
        raise ValidationError({"unit": _("Reports are issued by provinces, districts and communes.")})
    with transaction.atomic():
        # One issuer at a time per unit: the numbers of its series follow each other.
        AdminUnit.objects.select_for_update().filter(pk=unit.pk).first()
        same = IssuedReport.objects.filter(
            unit=unit, kind=ReportKind.WEEKLY, period_start=period.start, period_end=period.end
        ).first()
        if same is not None:
            raise ValidationError(
                {"period": _("This report was already issued: number %(reference)s.") % {"reference": same.reference}}
            )
        year = timezone.localdate(now).year
        issued_this_year = IssuedReport.objects.filter(unit=unit, issued_at__year=year).count()
        return IssuedReport.objects.create(
            unit=unit,
            kind=ReportKind.WEEKLY,
            period_start=period.start,
            period_end=period.end,
            number=issued_this_year + 1,
            symbol=SYMBOL,
            issued_by=by,
            issued_at=now,
            figures=snapshot(unit, period, now),
        )


def reporting_units() -> list[AdminUnit]:
    """Provinces, districts and communes where an officer or administrator works."""
    ids = RoleAssignment.objects.filter(
        role__in=jurisdiction.CHANGE_ROLES, unit__level__in=REPORTING_LEVELS
    ).values_list("unit", flat=True)
    return list(AdminUnit.objects.filter(pk__in=ids).order_by("path"))


def issue_scheduled_weekly_reports(today: date | None = None, now: datetime | None = None) -> tuple[int, int]:
    """Every reporting unit's report for the week that ended before `today`, issued once even when
    runs repeat or overlap: (issued, already there)."""
    now = now or timezone.now()
    week = last_week(today or timezone.localdate(now))
    issued = already = 0
    for unit in reporting_units():
        if IssuedReport.objects.filter(
            unit=unit, kind=ReportKind.WEEKLY, period_start=week.start, period_end=week.end
        ).exists():
            already += 1
            continue
        try:
            _issue(unit, week.start, week.end, None, now)
        except (IntegrityError, ValidationError):
            if not IssuedReport.objects.filter(unit=unit, period_start=week.start, period_end=week.end).exists():
                raise
            already += 1  # another run issued it in the meantime
            continue
        issued += 1
    return issued, already
