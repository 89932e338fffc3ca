"""The schedule issues every reporting unit's report for the week just ended, once: a second run,
or a run after an officer issued one already, issues nothing more."""

from io import StringIO

from django.core.management import call_command

from reports.actions import issue_weekly_report
from reports.models import IssuedReport

from .base import WEEK, WeeklyTestCase


def run(today: str) -> str:
    out = StringIO()
    call_command("issue_weekly_reports", today=today, stdout=out)
    return out.getvalue()


class WeeklyScheduleTests(WeeklyTestCase):
    def test_running_twice_issues_once(self) -> None:
        issue_weekly_report(self.officer_a, self.commune_a, *WEEK)  # numbered, like the schedule's, in this year
        # Units where officers work: the province, both districts and both communes.
        first = run("2021-06-08")
        self.assertIn("Week 31/05/2021–06/06/2021: 4 report(s) issued, 1 already issued.", first)
        second = run("2021-06-09")
        self.assertIn("0 report(s) issued, 5 already issued.", second)
        reports = IssuedReport.objects.filter(period_start=WEEK[0], period_end=WEEK[1])
        self.assertEqual(reports.count(), 5)
        self.assertEqual(
            set(reports.values_list("unit__code", flat=True)),
            {u.code for u in (self.province, self.district, self.other_district, self.commune_a, self.commune_b)},
        )
        self.assertEqual(reports.filter(issued_by__isnull=True).count(), 4)
        self.assertEqual(reports.get(unit=self.province).figures["places"]["total"], 3)
        next_week = run("2021-06-14")
        self.assertIn("Week 07/06/2021–13/06/2021: 5 report(s) issued", next_week)
        self.assertEqual(reports.get(unit=self.commune_a).number, 1)
        self.assertEqual(IssuedReport.objects.get(unit=self.commune_a, period_end="2021-06-13").number, 2)
