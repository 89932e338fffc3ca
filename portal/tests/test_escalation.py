from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from portal import actions
from portal.models import EventKind, Report

from .base import ReportTestCase


class EscalationTests(ReportTestCase):
    def test_an_overdue_report_goes_up_one_level_per_deadline(self) -> None:
        report = self.submit()  # a gathering: 2 days to answer
        now = timezone.now()
        self.assertEqual(actions.escalate_overdue(now + timedelta(days=1)), 0)
        self.assertEqual(actions.escalate_overdue(now + timedelta(days=3)), 1)
        self.assertEqual(actions.escalate_overdue(now + timedelta(days=3, hours=1)), 0)  # once per step
        report.refresh_from_db()
        self.assertEqual(report.escalated_to, self.district)
        self.assertEqual(actions.escalate_overdue(now + timedelta(days=6)), 1)
        report.refresh_from_db()
        self.assertEqual(report.escalated_to, self.province)
        self.assertEqual(actions.escalate_overdue(now + timedelta(days=20)), 0)  # nothing above the province
        self.assertEqual(report.events.filter(kind=EventKind.ESCALATED).count(), 2)

    def test_escalated_reports_show_on_the_district_queue(self) -> None:
        self.submit()
        Report.objects.update(due_at=timezone.now() - timedelta(hours=1))
        out = StringIO()
        call_command("escalate_reports", stdout=out)
        self.assertIn("1 overdue", out.getvalue())
        page = self.client_for(self.district_officer).get("/phan-anh/xu-ly/?escalated=on")
        self.assertContains(page, Report.objects.get().tracking_code)
        escalated = self.api_get(self.district_officer, "/api/v1/reports?escalated=true")
        self.assertEqual(escalated.json()["count"], 1)
        self.assertEqual(
            self.api_get(self.officer_a, "/api/v1/reports?escalated=true").json()["count"],
            0,
        )

    def test_answered_reports_are_not_escalated(self) -> None:
        report = self.submit()
        actions.accept_report(report, self.officer_a, "Quán mở khuya.")
        actions.answer_report(report, self.officer_a, "Đã xử lý.")
        self.assertEqual(actions.escalate_overdue(timezone.now() + timedelta(days=30)), 0)
