"""An issued report downloads as DOCX and PDF in the official layout and as XLSX with the figures,
from the page and the API, for its jurisdiction only."""

import io
import zipfile

from openpyxl import load_workbook

from reports.actions import issue_weekly_report
from reports.models import IssuedReport

from .base import NOW, WEEK, WeeklyTestCase

TITLE = "Tình hình phòng, chống dịch COVID-19 tuần từ 31/05/2021 đến 06/06/2021"


class WeeklyDownloadTests(WeeklyTestCase):
    report: IssuedReport

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report = issue_weekly_report(cls.district_officer, cls.district, *WEEK, now=NOW)

    def download(self, extension: str) -> bytes:
        response = self.client_for(self.district_officer).get(f"/tinh-hinh/bao-cao-tuan/{self.report.pk}.{extension}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"bao-cao-tuan-663-2021-05-31-2021-06-06.{extension}", response["Content-Disposition"])
        return response.content

    def test_docx_holds_the_decree_30_report(self) -> None:
        with zipfile.ZipFile(io.BytesIO(self.download("docx"))) as docx:
            xml = docx.read("word/document.xml").decode()
        for text in (
            "BÁO CÁO",
            TITLE,
            "BAN CHỈ ĐẠO PHÒNG,",  # the issuing body, broken into even lines beside the motto
            "CHỐNG DỊCH COVID-19",
            "ỦY BAN NHÂN DÂN HUYỆN ĐẮK MIL",
            "Số: 1/BC-BCĐ",
            "Kính gửi: Ủy ban nhân dân huyện Đắk Mil.",
            "Nơi nhận:",
            "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Đắk Nông (b/c)",
            "TM. BAN CHỈ ĐẠO",
            "7. Phản ánh, kiến nghị của người dân",
        ):
            self.assertIn(text, xml)
        self.assertIn(self.commune_a.name, xml)  # the table of the communes
        self.assertIn("Tổng cộng", xml)

    def test_pdf_is_a_pdf(self) -> None:
        self.assertTrue(self.download("pdf").startswith(b"%PDF"))

    def test_xlsx_has_the_figures_and_a_sheet_per_table(self) -> None:
        book = load_workbook(io.BytesIO(self.download("xlsx")))
        self.assertEqual(book.sheetnames, ["Tổng hợp", "Cơ sở và kiểm tra", "Tuyên truyền"])
        values = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(values["Số"], "1/BC-BCĐ")
        self.assertEqual(values["Tổng số cơ sở đang hoạt động"], 3)
        self.assertEqual(values["Cơ sở an toàn"], 2)
        self.assertEqual(values["Số phản ánh nhận được trong kỳ"], 2)
        units = {row[0]: row for row in book["Cơ sở và kiểm tra"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(units[self.commune_a.name][1], 2)
        self.assertEqual(units[self.commune_a.name][2], 100.0)
        self.assertEqual(book["Tổng hợp"]["B8"].number_format, "#,##0")

    def test_the_api_serves_the_files_to_the_jurisdiction_only(self) -> None:
        own = self.api_get(self.province_officer, f"/api/v1/weekly-reports/{self.report.pk}/pdf")
        self.assertTrue(own.content.startswith(b"%PDF"))
        listed = self.api_get(self.province_officer, "/api/v1/weekly-reports").json()
        self.assertEqual([item["reference"] for item in listed["items"]], ["1/BC-BCĐ"])
        other = self.api_get(self.other_district_officer, f"/api/v1/weekly-reports/{self.report.pk}/xlsx")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(self.client.get(f"/tinh-hinh/bao-cao-tuan/{self.report.pk}.xlsx").status_code, 302)
