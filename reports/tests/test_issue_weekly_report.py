"""Issuing a unit's weekly report: officers of the unit or above it may, a sibling commune's officer
and an inspector may not, and a refusal writes nothing; an issued report is numbered in its unit's
series and recorded in the audit trail."""

from django.core.exceptions import PermissionDenied

from audit.models import AuditEntry
from reports.actions import issue_weekly_report
from reports.models import IssuedReport

from .base import NOW, WEEK, WeeklyTestCase


class IssueWeeklyReportTests(WeeklyTestCase):
    def test_a_sibling_communes_officer_and_an_inspector_are_refused(self) -> None:
        for user in (self.officer_b, self.inspector, self.other_district_officer):
            with self.assertRaises(PermissionDenied):
                issue_weekly_report(user, self.commune_a, *WEEK, now=NOW)
        self.assertFalse(IssuedReport.objects.exists())
        page = self.client_for(self.officer_b).post(
            f"/tinh-hinh/bao-cao-tuan/?unit={self.commune_a.code}", {"start": "2021-05-31", "end": "2021-06-06"}
        )
        self.assertEqual(page.status_code, 403)
        api = self.api_post(
            self.officer_b,
            "/api/v1/weekly-reports",
            {"unit": self.commune_a.code, "start": "2021-05-31", "end": "2021-06-06"},
        )
        self.assertEqual(api.status_code, 403)
        self.assertFalse(IssuedReport.objects.exists())

    def test_the_district_issues_for_itself_and_for_a_commune_numbered_in_each_series(self) -> None:
        first = issue_weekly_report(self.district_officer, self.district, *WEEK, now=NOW)
        commune = issue_weekly_report(self.district_officer, self.commune_a, *WEEK, now=NOW)
        self.assertEqual((first.reference, commune.reference), ("1/BC-BCĐ", "1/BC-BCĐ"))
        self.assertEqual(first.figures["places"]["total"], 3)
        self.assertEqual(commune.figures["places"]["total"], 2)
        self.assertEqual(first.figures["reports"]["received"], 2)
        self.assertEqual(first.issued_by, self.district_officer)

    def test_the_page_issues_and_lists_the_report_with_its_downloads(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post(
            f"/tinh-hinh/bao-cao-tuan/?unit={self.commune_a.code}", {"start": "2021-05-31", "end": "2021-06-06"}
        )
        self.assertEqual(response.status_code, 302)
        report = IssuedReport.objects.get()
        self.assertEqual(report.unit, self.commune_a)
        entry = AuditEntry.objects.get(object_id=str(report.pk), content_type__model="issuedreport")
        self.assertEqual((entry.actor, entry.action), (self.officer_a, "create"))
        listing = client.get(response["Location"])
        self.assertContains(listing, "1/BC-BCĐ")
        for extension in ("docx", "pdf", "xlsx"):
            self.assertContains(listing, f"/tinh-hinh/bao-cao-tuan/{report.pk}.{extension}")
        sibling = self.client_for(self.officer_b)
        self.assertEqual(sibling.get(f"/tinh-hinh/bao-cao-tuan/{report.pk}.xlsx").status_code, 404)
