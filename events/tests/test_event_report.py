import io
from datetime import date

from docx import Document as read_docx
from openpyxl import load_workbook

from events import actions, queries

from .base import YES, EventTestCase, at


class EventReportTests(EventTestCase):
    def test_the_report_per_unit_counts_sites_plans_people_and_incidents(self) -> None:
        actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        actions.review_plan(self.site_a, self.district_officer, approve=True)
        actions.report_status(
            self.site_a, self.officer_a, status="incident", present=80, incident="Nghi nhiễm", now=at(9)
        )
        actions.report_status(self.site_a, self.officer_a, status="closed", present=410, mobile_served=3, now=at(19))
        response = self.client_for(self.district_officer).get(f"/events/{self.event.pk}/report.xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(rows[self.commune_a.name], (1, 1, 1, 0, 410, 3, 1))
        self.assertEqual(rows[self.commune_b.name], (1, 0, 0, 1, 0, 0, 0))
        self.assertEqual(
            self.client_for(self.officer_a)
            .get(f"/events/{self.event.pk}/report.xlsx", {"unit": self.district.code})
            .status_code,
            403,
        )

    def test_the_report_as_docx_and_pdf(self) -> None:
        actions.report_status(self.site_a, self.officer_a, status="closed", present=410, mobile_served=3, now=at(19))
        client = self.client_for(self.district_officer)
        docx = client.get(f"/events/{self.event.pk}/report.docx")
        self.assertEqual(docx.status_code, 200)
        head, table, closing = read_docx(io.BytesIO(docx.content)).tables
        lines = [paragraph.text for cell in head.rows[0].cells for paragraph in cell.paragraphs]
        self.assertEqual(lines[:3], ["UBND TỈNH ĐẮK NÔNG", "ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK MIL"])
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", lines)
        self.assertIn("- UBND tỉnh Đắk Nông (b/c);", closing.rows[0].cells[0].text)
        self.assertIn("TM. ỦY BAN NHÂN DÂN", closing.rows[0].cells[1].text)
        rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in table.rows}
        self.assertEqual(rows[self.commune_a.name], ["1", "0", "1", "0", "410", "3", "0"])
        self.assertEqual(rows["Tổng cộng"][4], "410")
        pdf = client.get(f"/events/{self.event.pk}/report.pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertTrue(pdf.content.startswith(b"%PDF"))


class EventSummaryTests(EventTestCase):
    def test_the_situation_view_reads_the_sites_of_a_unit_by_status(self) -> None:
        actions.report_status(self.site_a, self.officer_a, status="normal", present=50, now=at(9))
        summary = queries.summary_for(self.district, today=date(2021, 5, 20))
        self.assertEqual(len(summary), 1)
        self.assertEqual((summary[0]["sites"], summary[0]["by_status"]["normal"]), (2, 1))
        self.assertEqual(summary[0]["plans_not_approved"], 2)
        self.assertEqual(queries.summary_for(self.district, today=date(2021, 7, 1)), [])
