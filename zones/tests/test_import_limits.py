"""Every spreadsheet import is bounded: the bytes uploaded, the bytes the XLSX unpacks to (read
from the zip's directory before the workbook is opened), rows, cells per row and characters per
cell. Over a limit the file is refused early, 413 for size and 422 otherwise, and the message
never quotes the offending content."""

import io
import zipfile

from django.test import override_settings

from zones.models import CaseCount

from .base import ZonesTestCase
from .test_import_cases import workbook


def padded(upload_bytes: bytes, padding: int) -> bytes:
    """The workbook with its sheet padded by `padding` bytes of whitespace: a few kilobytes
    zipped, as large as asked once unpacked (the shape of a zip bomb)."""
    source = zipfile.ZipFile(io.BytesIO(upload_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data += b" " * padding
            target.writestr(entry.filename, data)
    return out.getvalue()


class ImportLimitTests(ZonesTestCase):
    def post(self, upload, **fields):  # type: ignore[no-untyped-def]
        headers = self.api_headers(self.officer_a)
        return self.client.post("/api/v1/cases/import", {"file": upload, "dry_run": "true", **fields}, headers=headers)

    @override_settings(IMPORT_MAX_UNZIPPED_BYTES=1024 * 1024)
    def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(self) -> None:
        upload = workbook([[self.commune_a.code, "01/12/2021", 1, 0, 0]])
        bomb = padded(upload.read(), 3 * 1024 * 1024)
        self.assertLess(len(bomb), 64 * 1024)
        upload.file = io.BytesIO(bomb)
        upload.size = len(bomb)
        response = self.post(upload)
        self.assertEqual(response.status_code, 413)
        self.assertIn("MB", response.json()["detail"])
        self.assertFalse(CaseCount.objects.exists())

    def test_a_huge_shared_string_is_refused_and_not_echoed(self) -> None:
        huge = "0912345678 " * 4000  # 44,000 characters in one cell, a few kilobytes zipped
        response = self.post(workbook([[self.commune_a.code, "01/12/2021", huge, 0, 0]]))
        self.assertEqual(response.status_code, 422)
        self.assertLess(len(response.content), 1000)
        self.assertNotIn("0912345678", response.content.decode())
        self.assertIn("5.000", response.json()["detail"])

    @override_settings(IMPORT_MAX_ROWS=3)
    def test_more_rows_than_the_limit_are_refused(self) -> None:
        rows = [[self.commune_a.code, f"0{day}/12/2021", 1, 0, 0] for day in range(1, 6)]
        response = self.post(workbook(rows))
        self.assertEqual(response.status_code, 422)
        self.assertIn("3", response.json()["detail"])

    @override_settings(IMPORT_MAX_CELLS_PER_ROW=8)
    def test_a_row_wider_than_the_limit_is_refused(self) -> None:
        response = self.post(workbook([[self.commune_a.code, "01/12/2021", 1, 0, 0, *range(10)]]))
        self.assertEqual(response.status_code, 422)
        self.assertIn("2", response.json()["detail"])  # the row's number

    @override_settings(IMPORT_MAX_UPLOAD_BYTES=2048)
    def test_an_upload_over_the_byte_limit_is_413(self) -> None:
        response = self.post(workbook([[self.commune_a.code, "01/12/2021", 1, 0, 0]]))
        self.assertEqual(response.status_code, 413)

    def test_a_file_within_every_limit_is_read(self) -> None:
        response = self.post(workbook([[self.commune_a.code, "01/12/2021", 1, 0, 0]]))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["rows"], 1)
