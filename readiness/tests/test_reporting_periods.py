from datetime import date, datetime, timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from readiness import actions, queries
from readiness.models import PeriodReminder, PeriodReport, ReportingCycle

from .base import ReadinessTestCase

MONDAY = date(2021, 5, 3)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 9))


class ReportingPeriodTests(ReadinessTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ReportingCycle.objects.create(
            province=cls.province, starts_on=MONDAY, length_days=7, due_days=2, levels=["commune"]
        )
        cls.officer_a.email = "xa-a@example.vn"
        cls.officer_a.save()

    def test_an_update_within_the_due_days_is_on_time_and_a_later_one_is_late(self) -> None:
        actions.declare(
            self.commune_a, self.officer_a, stocks={"xe-loa": actions.StockValue(1)}, now=at(MONDAY + timedelta(1))
        )
        actions.declare(
            self.commune_b, self.officer_b, stocks={"xe-loa": actions.StockValue(1)}, now=at(MONDAY + timedelta(4))
        )
        self.assertTrue(PeriodReport.objects.get(unit=self.commune_a).on_time)
        self.assertFalse(PeriodReport.objects.get(unit=self.commune_b).on_time)

    def test_late_units_are_listed_first_with_completeness_and_timeliness(self) -> None:
        week2 = MONDAY + timedelta(7)
        actions.declare(self.commune_a, self.officer_a, stocks={"xe-loa": actions.StockValue(1)}, now=at(MONDAY))
        actions.declare(self.commune_a, self.officer_a, stocks={"xe-loa": actions.StockValue(2)}, now=at(week2))
        report = queries.reporting(self.district, today=week2 + timedelta(3))
        self.assertEqual(report.period_start, week2)
        late = [r.unit for r in report.late]
        self.assertIn(self.commune_b, late)
        self.assertNotIn(self.commune_a, late)
        self.assertEqual(report.rows[0].unit, late[0])
        row_a = next(r for r in report.rows if r.unit == self.commune_a)
        self.assertEqual((row_a.completeness, row_a.timeliness), (100, 100))

    def test_late_units_are_reminded_once_per_period(self) -> None:
        day = (MONDAY + timedelta(3)).isoformat()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_readiness_reminders", "--today", day, stdout=open("/dev/null", "w"))  # noqa: SIM115
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_readiness_reminders", "--today", day, stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(PeriodReminder.objects.filter(unit=self.commune_a).count(), 1)
        self.assertEqual([m.to for m in mail.outbox], [["xa-a@example.vn"]])

    def test_nobody_is_reminded_before_the_update_is_due(self) -> None:
        self.assertEqual(actions.send_reminders(MONDAY + timedelta(1)), 0)

    def test_the_reporting_page_shows_late_units(self) -> None:
        page = self.client_for(self.district_officer).get("/readiness/reporting/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-unit="{self.commune_a.code}" class="table-danger"')
