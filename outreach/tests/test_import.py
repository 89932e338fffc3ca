"""Bulk entry from XLSX: every bad row reported with its number, nothing imported unless chosen."""

from django.core.files.uploadedfile import SimpleUploadedFile

from outreach.models import Activity
from testing import xlsx_bytes

from .base import OutreachTestCase

HEADER = ["Nội dung", "Hình thức", "Số lượng", "Ngày", "Địa bàn", "Mức ưu tiên", "Mô tả", "Đường dẫn minh chứng"]


def workbook(rows: list[list[object]], header: list[str] = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile("bao-cao.xlsx", xlsx_bytes([header, *rows]))


class ImportTests(OutreachTestCase):
    rows: list[list[object]] = [
        [1, "bao-in", 2, "14/05/2021", "", "", "Bài về chỉ đạo", "https://baodaknong.vn/1"],
        [3, "Tin, bài trên báo", 1, "15/05/2021", "", "", "", ""],
        [9, "bao-in", 1, "15/05/2021", "", "", "nội dung không có", ""],
        [2, "bao-in", -5, "15/05/2021", "", "", "", ""],
        [2, "bao-in", 1, "32/05/2021", "", "", "", ""],
    ]

    def post(self, upload, **options):  # type: ignore[no-untyped-def]
        return self.client_for(self.press).post(
            f"/outreach/directives/{self.directive.pk}/import/",
            {"organisation": self.press_agency.pk, "file": upload, **options},
        )

    def test_a_file_with_bad_rows_imports_nothing_and_lists_them(self) -> None:
        response = self.post(workbook(self.rows))
        self.assertEqual(response.status_code, 400)
        self.assertEqual([error.row for error in response.context["checked"].errors], [4, 5, 6])
        self.assertFalse(Activity.objects.exists())

    def test_the_good_rows_are_imported_when_chosen(self) -> None:
        response = self.post(workbook(self.rows), skip_bad_rows="on")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Activity.objects.count(), 2)
        self.assertEqual(sorted(Activity.objects.values_list("content_item__number", flat=True)), [1, 3])

    def test_a_dry_run_writes_nothing(self) -> None:
        response = self.post(workbook(self.rows[:2]), dry_run="on")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["checked"].rows), 2)
        self.assertFalse(Activity.objects.exists())

    def test_a_file_without_the_columns_is_refused(self) -> None:
        response = self.post(workbook([[1, 2]], header=["a", "b"]))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="file"', status_code=400)
        response = self.post(SimpleUploadedFile("bao-cao.xlsx", b"not a workbook"))
        self.assertEqual(response.status_code, 400)

    def test_a_sibling_cannot_import_for_a_commune_it_does_not_act_for(self) -> None:
        response = self.client_for(self.officer_b).post(
            f"/outreach/directives/{self.directive.pk}/import/",
            {"organisation": self.committee_a.pk, "file": workbook(self.rows[:1])},
        )
        self.assertEqual(response.status_code, 400)  # not one of the organisations the form offers
        self.assertFalse(Activity.objects.exists())

    def test_the_template_downloads(self) -> None:
        response = self.client_for(self.press).get("/outreach/import-template.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
