"""A directive's summary: totals per content item, channel and district, coverage and late recipients,
as JSON, DOCX, PDF and XLSX, for the issuing side only."""

import io
import zipfile
from datetime import date

from openpyxl import load_workbook

from outreach import reports

from .base import OutreachTestCase


class SummaryTests(OutreachTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report(cls.officer_a, units=[cls.village_a], quantity=3)
        cls.report(cls.officer_a, units=[cls.village_a], quantity=2, content_item=cls.item(2))
        cls.report(cls.press, channel="bao-in", quantity=4, content_item=cls.item(2))

    def test_totals_per_item_channel_and_district(self) -> None:
        summary = reports.summary(self.directive, date(2021, 6, 1))
        self.assertEqual([line.activities for line in summary.items], [1, 2, 0])
        channels = {line.label: (line.activities, line.quantity) for line in summary.channels}
        self.assertEqual(channels, {"Xe loa tuyên truyền lưu động": (2, 5), "Tin, bài trên báo": (1, 4)})
        districts = {line.label: (line.activities, line.extra["reached"]) for line in summary.districts}
        self.assertEqual(districts[self.province.name], (1, 0))
        self.assertEqual(districts[self.district.name], (2, 1))
        self.assertEqual(summary.reported, 2)
        self.assertEqual(summary.villages_reached, 1)
        self.assertEqual(len(summary.late), summary.recipients - 2)  # the first deadline (31/5) has passed

    def test_the_api_summary(self) -> None:
        response = self.api_get(self.writer, f"/api/v1/directives/{self.directive.pk}/summary")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["activities"], 3)
        self.assertEqual([i["activities"] for i in body["items"]], [1, 2, 0])
        self.assertNotIn(self.committee_a.code, body["late"])
        self.assertIn(self.committee_b.code, body["late"])

    def test_recipients_and_outsiders_do_not_read_the_summary(self) -> None:
        self.assertEqual(
            self.api_get(self.officer_a, f"/api/v1/directives/{self.directive.pk}/summary").status_code,
            403,
        )
        private = self.make_issued(groups=[], organisations=[self.committee_a.code])
        self.assertEqual(
            self.api_get(self.officer_b, f"/api/v1/directives/{private.pk}/summary").status_code,
            404,
        )
        self.assertEqual(
            self.client_for(self.officer_a).get(f"/outreach/directives/{self.directive.pk}/summary.pdf").status_code,
            403,
        )
        self.assertEqual(
            self.client_for(self.officer_a).get(f"/outreach/directives/{self.directive.pk}/").status_code, 403
        )

    def test_the_summary_documents(self) -> None:
        client = self.client_for(self.writer)
        docx = client.get(f"/outreach/directives/{self.directive.pk}/summary.docx")
        self.assertEqual(docx.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(docx.content)) as package:
            text = package.read("word/document.xml").decode()
        self.assertIn("BÁO CÁO", text)
        self.assertIn("Kính gửi: Ủy ban nhân dân tỉnh.", text)
        self.assertIn("- UBND tỉnh (b/c);", text)
        self.assertIn("Xe loa tuyên truyền lưu động", text)
        self.assertIn(self.committee_b.name, text)  # late
        pdf = client.get(f"/outreach/directives/{self.directive.pk}/summary.pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        xlsx = client.get(f"/outreach/directives/{self.directive.pk}/summary.xlsx")
        book = load_workbook(io.BytesIO(xlsx.content))
        self.assertEqual(
            book.sheetnames, ["Tổng hợp", "Theo nội dung", "Theo hình thức", "Theo địa bàn", "Chậm báo cáo"]
        )
        channels = {row[0]: row[2] for row in book["Theo hình thức"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(channels, {"Xe loa tuyên truyền lưu động": 5, "Tin, bài trên báo": 4})

    def test_the_directive_page_shows_the_matrix(self) -> None:
        page = self.client_for(self.writer).get(f"/outreach/directives/{self.directive.pk}/")
        self.assertEqual(page.status_code, 200)
        rows = {row.delivery.organisation.code: counts for row, counts in page.context["table"]}
        self.assertEqual(rows[self.committee_a.code], [1, 1, 0])
        self.assertEqual(rows["67-bao-dak-nong"], [0, 1, 0])
