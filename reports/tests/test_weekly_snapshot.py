"""An issued report keeps the figures of the moment it was issued: places, citizens' reports and
everything else that changes afterwards shows on the situation view, never in the report."""

import io
from datetime import timedelta

from openpyxl import load_workbook

from reports.actions import issue_weekly_report
from reports.documents import render_xlsx
from reports.models import IssuedReport
from safety.models import PublicState
from testing import make_place

from .base import IN_THE_WEEK, NOW, WEEK, WeeklyTestCase, report_a_gathering


class WeeklySnapshotTests(WeeklyTestCase):
    def test_later_changes_do_not_reach_the_issued_report(self) -> None:
        issued = issue_weekly_report(self.district_officer, self.district, *WEEK, now=NOW)
        for n in range(3):
            make_place(self.commune_b, f"Nhà hàng mới {n}", state=PublicState.UNSAFE)
        report_a_gathering(self.commune_b, 7, IN_THE_WEEK + timedelta(days=1))
        stored = IssuedReport.objects.get(pk=issued.pk)
        self.assertEqual(stored.figures, issued.figures)
        self.assertEqual(stored.figures["places"]["total"], 3)
        self.assertEqual(stored.figures["places"]["by_state"]["unsafe"], 0)
        self.assertEqual(stored.figures["reports"]["received"], 2)
        sheet = load_workbook(io.BytesIO(render_xlsx(stored)))["Tổng hợp"]
        values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(values["Tổng số cơ sở đang hoạt động"], 3)
        self.assertEqual(values["Cơ sở không an toàn"], 0)
        now = self.api_get(self.district_officer, "/api/v1/dashboard").json()
        self.assertEqual(now["places"]["total"], 6)
        again = self.api_get(self.district_officer, f"/api/v1/weekly-reports/{issued.pk}")
        self.assertEqual(again.json()["figures"]["places"]["total"], 3)
