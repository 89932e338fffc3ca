"""The report of a jurisdiction over a period, on the page, in the API and as Excel."""

import io
from datetime import timedelta

from django.urls import reverse
from openpyxl import load_workbook

from enforcement.reports import build
from inspections.periods import Period

from .base import TODAY, ViolationTestCase


class ReportTests(ViolationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.inspected(self.district_officer, self.commune_a)
        self.inspected(self.officer_a, self.village_a)
        self.schedule(self.district_officer, self.commune_b)
        self.published(self.official())  # 10 million, an official
        self.published(self.person(unit=self.village_b), fine_amount=3_000_000)
        self.decided(self.person(offender_name='=HYPERLINK("http://x")'))  # 1 million
        self.draft()
        self.published(self.person(unit=self.other_commune), by=self.province_officer)
        self.period = Period(TODAY() - timedelta(days=29), TODAY(), "")

    def test_numbers(self) -> None:
        report = build(self.district, self.period)
        by_level = {level: (done, planned) for level, _label, done, planned in report.inspections}
        self.assertEqual(by_level, {"commune": (1, 1), "village": (1, 0), "place": (0, 0)})
        self.assertEqual((report.total.count, report.total.fines, report.total.officials), (3, 14_000_000, 1))
        self.assertEqual(report.drafts, 1)
        by_type = {kind.code: tally for kind, tally in report.by_type}
        self.assertEqual(by_type["tu-tap-noi-cong-cong"].count, 1)
        self.assertEqual(by_type["khong-deo-khau-trang"].fines, 4_000_000)
        by_unit = {unit: tally for unit, tally in report.by_unit}
        self.assertEqual((by_unit[self.commune_a].count, by_unit[self.commune_b].count), (2, 1))

    def test_page_api_and_jurisdiction(self) -> None:
        page = self.client_for(self.district_officer).get(reverse("enforcement:report"), {"unit": self.district.code})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.context["report"].total.count, 3)
        response = self.api_get(self.province_officer, "/api/v1/reports/enforcement", {"unit": self.province.code})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["total"]["count"], response.json()["total"]["officials"]), (4, 1))
        self.assertEqual(
            self.api_get(self.officer_b, "/api/v1/reports/enforcement", {"unit": self.district.code}).status_code, 403
        )
        self.assertEqual(
            self.client_for(self.other_district_officer)
            .get(reverse("enforcement:report"), {"unit": self.district.code})
            .status_code,
            403,
        )
        self.assertEqual(
            self.api_get(self.district_officer, "/api/v1/reports/enforcement", {"period": "2021-00"}).status_code, 422
        )
        self.assertEqual(
            self.client_for(self.district_officer).get(reverse("enforcement:report"), {"period": "x"}).status_code, 400
        )

    def test_excel(self) -> None:
        response = self.client_for(self.district_officer).get(
            reverse("enforcement:report_xlsx"), {"unit": self.district.code}
        )
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(io.BytesIO(response.getvalue()))
        self.assertEqual(len(workbook.sheetnames), 5)
        summary = {row[0].value: row[1].value for row in workbook.worksheets[0].iter_rows()}
        self.assertIn(14_000_000, summary.values())
        listing = list(workbook.worksheets[4].iter_rows(values_only=True))
        self.assertEqual(len(listing), 4)  # header and three decided
        names = [row[0] for row in listing[1:]]
        self.assertIn('=HYPERLINK("http://x")', names)
        cell = next(c for c in workbook.worksheets[4]["A"] if c.value == '=HYPERLINK("http://x")')
        self.assertEqual(cell.data_type, "s")  # text, never a formula
        self.assertEqual(
            self.client_for(self.officer_b)
            .get(reverse("enforcement:report_xlsx"), {"unit": self.district.code})
            .status_code,
            403,
        )
