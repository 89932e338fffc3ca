"""Case counts imported from Excel: every bad row reported with its number; nothing imported
unless the good rows are asked for."""

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from testing import xlsx_bytes
from zones.models import CaseCount

from .base import ZonesTestCase, put_cases, today

HEADER = ["Mã đơn vị", "Ngày", "Số ca", "Chưa rõ nguồn lây", "Liên quan KCN, trường học, siêu thị"]


def workbook(rows: list[list[object]], header: list[str] = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile("ca-benh.xlsx", xlsx_bytes([header, *rows]))


class ImportCasesTests(ZonesTestCase):
    def post(self, user, upload, **fields):  # type: ignore[no-untyped-def]
        return self.client.post("/api/v1/cases/import", {"file": upload, **fields}, headers=self.api_headers(user))

    def good_rows(self) -> list[list[object]]:
        day = datetime.combine(today() - timedelta(days=1), datetime.min.time())
        return [
            [self.commune_a.code, day, 3, 1, 0],  # an Excel date
            [self.village_a.code, (today() - timedelta(days=2)).strftime("%d/%m/%Y"), "2", "", ""],
        ]

    def test_imports_a_good_workbook(self) -> None:
        put_cases(self.commune_a, 9, day=today() - timedelta(days=1))  # corrected by the file
        response = self.post(self.district_officer, workbook(self.good_rows()))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["created"], 1)
        self.assertEqual(response.json()["updated"], 1)
        self.assertEqual(CaseCount.objects.get(unit=self.commune_a).cases, 3)
        self.assertEqual(CaseCount.objects.get(unit=self.village_a).cases, 2)

    def test_every_bad_row_is_reported_with_its_number_and_nothing_is_imported(self) -> None:
        rows = [
            *self.good_rows(),
            [self.commune_a.code, "32/13/2021", 1, 0, 0],  # row 4: not a date
            [self.commune_a.code, today().isoformat(), -2, 0, 0],  # row 5: negative
            ["99999", today().isoformat(), 1, 0, 0],  # row 6: no such unit
            [self.commune_b.code, today().isoformat(), 1, 0, 0],  # row 7: a sibling commune, in the district
            [self.other_commune.code, today().isoformat(), 1, 0, 0],  # row 8: another district
            [self.commune_a.code, today().isoformat(), 2, 3, 0],  # row 9: untraced > cases
            [self.commune_a.code, (today() - timedelta(days=1)).isoformat(), 1, 0, 0],  # row 10: repeats row 2
        ]
        response = self.post(self.district_officer, workbook(rows))
        self.assertEqual(response.status_code, 422)
        errors = {e["row"]: e["message"] for e in response.json()["errors"]}
        self.assertEqual(sorted(errors), [4, 5, 6, 8, 9, 10])
        self.assertFalse(response.json()["imported"])
        self.assertFalse(CaseCount.objects.exists())

    def test_the_good_rows_only_when_asked(self) -> None:
        rows = [*self.good_rows(), [self.other_commune.code, today().isoformat(), 1, 0, 0]]
        response = self.post(self.district_officer, workbook(rows), skip_bad_rows="true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["created"], 2)
        self.assertEqual(CaseCount.objects.count(), 2)

    def test_a_dry_run_checks_and_writes_nothing(self) -> None:
        response = self.post(self.district_officer, workbook(self.good_rows()), dry_run="true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["rows"], 2)
        self.assertFalse(CaseCount.objects.exists())

    def test_files_that_cannot_be_read(self) -> None:
        response = self.post(self.district_officer, SimpleUploadedFile("ca.xlsx", b"not a workbook"))
        self.assertEqual(response.status_code, 422)
        response = self.post(self.district_officer, workbook([[1, 2]], header=["a", "b"]))
        self.assertEqual(response.status_code, 422)
        self.assertIn("Mã đơn vị", response.json()["detail"])
        response = self.post(self.district_officer, SimpleUploadedFile("ca.pdf", b"%PDF"))
        self.assertEqual(response.status_code, 422)
        self.assertFalse(CaseCount.objects.exists())

    def test_the_import_page_lists_bad_rows(self) -> None:
        client = self.client_for(self.officer_a)
        rows = [
            [self.commune_a.code, today().isoformat(), 1, 0, 0],
            [self.commune_b.code, today().isoformat(), 1, 0, 0],
        ]
        response = client.post("/cases/import/", {"file": workbook(rows)})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-row="3"', status_code=400)
        self.assertFalse(CaseCount.objects.exists())
        response = client.post("/cases/import/", {"file": workbook(rows), "skip_bad_rows": "on"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(CaseCount.objects.get().unit, self.commune_a)
