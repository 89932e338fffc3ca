"""The demo's weekly report: Đắk Mil district's report for the last week that has ended, issued by
its officer. Loading twice does nothing the second time."""

from django.db import transaction

from accounts.models import Role
from accounts.queries import role_holder
from territory.models import AdminUnit

from .actions import issue_weekly_report
from .models import IssuedReport
from .weekly import last_week


@transaction.atomic
def load_demo(district: AdminUnit) -> str:
    if IssuedReport.objects.filter(is_demo=True, unit=district).exists():
        return "Weekly reports: demo already loaded."
    officer = role_holder(district, Role.OFFICER)
    if officer is None:
        return "Weekly reports: no officer of the district, none issued."
    week = last_week()
    report = IssuedReport.objects.filter(unit=district, period_start=week.start, period_end=week.end).first()
    if report is None:
        report = issue_weekly_report(officer, district, week.start, week.end)
    IssuedReport.objects.filter(pk=report.pk).update(is_demo=True)
    return f"Weekly reports: {report.reference} of {district.name}."
