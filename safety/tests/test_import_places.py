"""Importing places from XLSX/CSV: dry run with row numbers, all or the good rows, jurisdiction, audit."""

import csv
import io
import os
import re
import shutil
import tempfile
import time
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from safety.actions.imports import HEADERS
from safety.models import Establishment, ImportJob, MapCell, Registration
from testing import SafetyTestCase, make_place

Rows = list[list[Any]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_upload(rows: Rows, name: str = "co-so.xlsx") -> SimpleUploadedFile:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def csv_upload(rows: Rows, name: str = "co-so.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if cell is None else cell for cell in row] for row in rows])
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def listed_rows(html: str) -> list[int]:
    return [int(number) for number in re.findall(r"<tr><td>(\d+)</td>", html)]


class ImportTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        overridden = override_settings(MEDIA_ROOT=media)
        overridden.enable()
        self.addCleanup(overridden.disable)

    def upload(self, upload: SimpleUploadedFile, client: Client | None = None) -> str:
        """Upload a file; returns the job's URL."""
        response = (client or self.client_for(self.district_officer)).post("/places/import/", {"file": upload})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return str(response["Location"])

    def check(self, job_url: str, client: Client | None = None):  # type: ignore[no-untyped-def]
        return (client or self.client_for(self.district_officer)).post(job_url + "check/")

    def run_import(self, job_url: str, *, skip_bad_rows: bool = False, client: Client | None = None):  # type: ignore[no-untyped-def]
        data = {"skip_bad_rows": "on"} if skip_bad_rows else {}
        return (client or self.client_for(self.district_officer)).post(job_url + "run/", data)

    def good_rows(self) -> Rows:
        return [
            HEADERS,
            [
                "Chợ Đắk Mil",
                "market",
                self.commune_a.code,
                "Số 1 Nguyễn Tất Thành",
                12.4465,
                107.6251,
                500,
                "Bà Lan",
                "0912345678",
                "Đang hoạt động",
            ],
            [
                "Trường Tiểu học Kim Đồng",
                "Trường học",
                self.village_b.code,
                "Thôn 1",
                None,
                None,
                "1.200",
                "",
                "",
                "Tạm ngừng hoạt động",
            ],
            ["Nhà nghỉ Hoa Sen", "lodging", self.commune_b.code, "", "12,55", "107,64", None, None, None, None],
        ]


class ImportDryRunTests(ImportTestCase):
    def test_dry_run_lists_every_bad_row_with_its_number_and_writes_nothing(self) -> None:
        make_place(self.commune_a, "Chợ cũ", "market", address="Số 2")
        rows: Rows = [
            HEADERS,  # row 1
            ["Chợ Đắk Mil", "market", self.commune_a.code, "Số 1", None, None, None, None, None, None],  # 2: good
            ["", "market", self.commune_a.code, "", None, None, None, None, None, None],  # 3: no name
            ["Quán X", "casino", self.commune_a.code, "", None, None, None, None, None, None],  # 4: unknown type
            ["Quán Y", "restaurant", "99999", "", None, None, None, None, None, None],  # 5: unknown unit
            ["Quán Z", "restaurant", self.other_commune.code, "", None, None, None, None, None, None],  # 6: outside
            ["Quán Paris", "restaurant", self.commune_a.code, "", 48.85, 2.35, None, None, None, None],  # 7: not VN
            ["Quán W", "restaurant", self.district.code, "", None, None, None, None, None, None],  # 8: a district
            [None, None, None, None, None, None, None, None, None, None],  # 9: blank, skipped
            ["cho dak mil", "Chợ", self.commune_a.code, "SỐ 1", None, None, None, None, None, None],  # 10: twice
            ["Chợ Cũ", "market", self.commune_a.code, "số 2", None, None, None, None, None, None],  # 11: in database
            ["Quán V", "restaurant", self.commune_a.code, "", None, None, "nhiều", None, "gọi tôi", "mở"],  # 12
        ]
        job = self.upload(xlsx_upload(rows))
        response = self.check(job)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(listed_rows(response.content.decode()), [3, 4, 5, 6, 7, 8, 10, 11, 12])
        self.assertEqual(response.context["job"].good, 1)
        self.assertEqual(response.context["job"].bad, 9)
        problems = dict(response.context["job"].errors)
        self.assertIn(" 2", problems[10])  # "the same place as row 2"
        self.assertIn("Chợ cũ", problems[11])
        self.assertEqual(problems[12].count(";"), 2)  # capacity, phone and status, in one line
        self.assertEqual(Establishment.objects.count(), 1)

    def test_csv_works_the_same(self) -> None:
        job = self.upload(csv_upload(self.good_rows()))
        response = self.check(job)
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.context["job"].good, response.context["job"].bad), (3, 0))

    def test_wrong_headers_refuse_the_whole_file(self) -> None:
        rows = [["Name of shop", "Kind", "Where"], ["Chợ", "market", self.commune_a.code]]
        job = self.upload(xlsx_upload(rows))
        response = self.check(job)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.context["job"].phase, "failed")
        self.assertContains(response, 'data-testid="file-error"', status_code=400)
        self.assertEqual(self.run_import(job).status_code, 400)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_a_file_that_is_not_a_workbook_or_has_no_rows(self) -> None:
        broken = SimpleUploadedFile("co-so.xlsx", b"not a zip", content_type=XLSX)
        self.assertEqual(self.check(self.upload(broken)).status_code, 400)
        self.assertEqual(self.check(self.upload(xlsx_upload([HEADERS]))).status_code, 400)

    def test_other_extensions_are_refused_at_upload(self) -> None:
        upload = SimpleUploadedFile("co-so.pdf", b"%PDF", content_type="application/pdf")
        response = self.client_for(self.district_officer).post("/places/import/", {"file": upload})
        self.assertEqual(response.status_code, 400)

    def test_a_file_over_the_size_limit_is_413(self) -> None:
        with override_settings(IMPORT_MAX_UPLOAD_BYTES=100):
            response = self.client_for(self.district_officer).post(
                "/places/import/", {"file": xlsx_upload(self.good_rows())}
            )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(os.listdir(settings.MEDIA_ROOT), [])

    def test_uploads_left_over_a_day_are_removed(self) -> None:
        self.upload(xlsx_upload(self.good_rows()))
        folder = os.path.join(settings.MEDIA_ROOT, "imports")
        (old_file,) = os.listdir(folder)
        a_while_ago = time.time() - 2 * 24 * 3600
        os.utime(os.path.join(folder, old_file), (a_while_ago, a_while_ago))
        self.upload(xlsx_upload(self.good_rows()))
        self.assertEqual(len(os.listdir(folder)), 1)
        self.assertNotIn(old_file, os.listdir(folder))

    def test_thousand_bad_rows_are_checked_quickly(self) -> None:
        rows: Rows = [HEADERS] + [[f"Quán {n}", "casino", "99999", "", 99, 999, "x", "", "", ""] for n in range(1000)]
        job = self.upload(xlsx_upload(rows))
        # Checked in bulk: the number of queries does not grow with the rows (a query per row
        # is what made large files slow), whatever the machine's speed.
        with CaptureQueriesContext(connection) as queries:
            response = self.check(job)
        self.assertLess(len(queries), 40)
        self.assertEqual(response.context["job"].bad, 1000)
        self.assertEqual(len(listed_rows(response.content.decode())), 1000)

    def test_listed_problems_are_capped_but_all_are_counted(self) -> None:
        rows: Rows = [HEADERS] + [[f"Quán {n}", "casino", self.commune_a.code] for n in range(1500)]
        job = self.upload(csv_upload(rows))
        response = self.check(job)
        self.assertEqual(response.context["job"].bad, 1500)
        self.assertEqual(len(listed_rows(response.content.decode())), 1000)
        self.assertEqual(response.context["errors_hidden"], 500)


class ImportRunTests(ImportTestCase):
    def test_a_good_file_is_imported_accepted_with_one_audit_entry_and_map_counts(self) -> None:
        job = self.upload(xlsx_upload(self.good_rows()))
        self.assertEqual(self.check(job).status_code, 200)
        audit_before = AuditEntry.objects.count()
        response = self.run_import(job)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["job"].created, 3)
        places = {p.name: p for p in Establishment.objects.select_related("type", "unit")}
        self.assertEqual(set(places), {"Chợ Đắk Mil", "Trường Tiểu học Kim Đồng", "Nhà nghỉ Hoa Sen"})
        market, school, lodging = places["Chợ Đắk Mil"], places["Trường Tiểu học Kim Đồng"], places["Nhà nghỉ Hoa Sen"]
        self.assertEqual((market.capacity, market.contact_phone, market.unit), (500, "0912345678", self.commune_a))
        self.assertFalse(market.location_approximate)
        self.assertEqual((school.type.code, school.capacity, school.status), ("school", 1200, "suspended"))
        self.assertTrue(school.location_approximate)  # the village has no centroid: its commune's
        self.assertEqual(school.latitude, self.commune_b.latitude)
        self.assertEqual(str(lodging.latitude), "12.550000")
        self.assertTrue(all(p.registration == Registration.ACCEPTED for p in places.values()))
        self.assertEqual(len({p.public_code for p in places.values()}), 3)
        self.assertEqual(market.search_name, "cho dak mil so 1 nguyen tat thanh")
        self.assertTrue(school.unit_path.startswith(self.village_b.path))
        # One entry sums the import up (the places themselves are not audited one by one).
        self.assertEqual(AuditEntry.objects.count() - audit_before, 1)
        entry = AuditEntry.objects.latest("id")
        self.assertEqual(entry.actor, self.district_officer)
        self.assertEqual((entry.after or {}).get("created"), 3)
        # The map counts the imported places.
        self.assertEqual(sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)), 3)
        # The import cannot be run twice.
        self.assertEqual(self.run_import(job).status_code, 409)
        self.assertEqual(Establishment.objects.count(), 3)

    def test_a_file_with_bad_rows_imports_nothing_unless_the_good_rows_are_asked_for(self) -> None:
        rows = [*self.good_rows(), ["", "market", self.commune_a.code]]
        job = self.upload(xlsx_upload(rows))
        response = self.run_import(job)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Establishment.objects.count(), 0)
        response = self.run_import(job, skip_bad_rows=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual((response.context["job"].created, response.context["job"].skipped), (3, 1))
        self.assertEqual(Establishment.objects.count(), 3)

    def test_a_place_registered_after_the_dry_run_is_caught_at_import(self) -> None:
        job = self.upload(xlsx_upload(self.good_rows()))
        self.assertEqual(self.check(job).context["job"].bad, 0)
        make_place(self.commune_b, "NHÀ NGHỈ HOA SEN", "lodging", address="")
        response = self.run_import(job)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(listed_rows(response.content.decode()), [4])
        self.assertEqual(Establishment.objects.count(), 1)
        response = self.run_import(job, skip_bad_rows=True)
        self.assertEqual(response.context["job"].created, 2)
        self.assertEqual(Establishment.objects.count(), 3)

    def test_commune_officer_imports_only_into_their_commune(self) -> None:
        client = self.client_for(self.officer_a)
        job = self.upload(xlsx_upload(self.good_rows()), client)
        response = self.check(job, client)
        self.assertEqual(listed_rows(response.content.decode()), [3, 4])  # the sibling commune's rows
        self.run_import(job, skip_bad_rows=True, client=client)
        self.assertEqual(list(Establishment.objects.values_list("unit", flat=True)), [self.commune_a.pk])

    def test_owners_inspectors_and_the_press_cannot_import(self) -> None:
        for user in (self.owner, self.inspector, self.press):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get("/places/import/").status_code, 403)
                response = client.post("/places/import/", {"file": xlsx_upload(self.good_rows())})
                self.assertEqual(response.status_code, 403)

    def test_another_users_job_is_a_404(self) -> None:
        job = self.upload(xlsx_upload(self.good_rows()))
        other = self.client_for(self.province_officer)
        self.assertEqual(other.get(job).status_code, 404)
        self.assertEqual(self.check(job, other).status_code, 404)
        self.assertEqual(self.run_import(job, client=other).status_code, 404)
        self.assertEqual(other.get(job + "status/").status_code, 404)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_status_reports_progress_counts(self) -> None:
        job = self.upload(xlsx_upload(self.good_rows()))
        client = self.client_for(self.district_officer)
        waiting = client.get(job + "status/", {"wait": "3"})
        self.assertEqual(waiting.status_code, 200)
        self.assertTrue(waiting.context["poll_again"])  # not started yet: keep asking a little
        self.run_import(job)
        done = client.get(job + "status/")
        self.assertFalse(done.context["poll_again"])
        self.assertEqual(done.context["job"].done, 3)
        self.assertEqual(done.context["percent"], 100)

    def test_progress_is_reported_in_chunks_while_a_large_file_is_imported(self) -> None:
        from safety.actions import jobs

        seen: list[tuple[str, int, int | None]] = []
        real_reporter = jobs.reporter

        def spying(job: ImportJob) -> Any:
            report = real_reporter(job)

            def spy(phase: str, done: int, total: int | None) -> None:
                report(phase, done, total)
                stored = ImportJob.objects.get(pk=job.pk)  # what every other app server reads
                seen.append((stored.phase, stored.done, stored.total))

            return spy

        rows: Rows = [HEADERS] + [[f"Quán số {n}", "restaurant", self.commune_a.code, f"Số {n}"] for n in range(2500)]
        job = self.upload(csv_upload(rows))
        with mock.patch.object(jobs, "reporter", spying):
            self.assertEqual(self.run_import(job).status_code, 200)
        checking = [done for phase, done, _total in seen if phase == "checking"]
        importing = [done for phase, done, _total in seen if phase == "importing"]
        self.assertEqual(checking[-1], 2500)
        self.assertGreaterEqual(len(checking), 3)
        self.assertEqual(importing, [0, 1000, 2000, 2500])  # no pause between checking and importing
        self.assertEqual(seen[-1][2], 2500)
        self.assertEqual(Establishment.objects.count(), 2500)

    def test_the_template_has_the_vietnamese_headers_and_reimports_cleanly(self) -> None:
        response = self.client_for(self.officer_a).get("/places/import/template.xlsx")
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(
            header,
            [
                "Tên cơ sở",
                "Loại hình",
                "Mã đơn vị",
                "Địa chỉ",
                "Vĩ độ",
                "Kinh độ",
                "Quy mô (người)",
                "Người liên hệ",
                "Điện thoại",
                "Tình trạng",
            ],
        )
        self.assertEqual(sheet.cell(2, 3).value, self.commune_a.code)
        job = self.upload(
            SimpleUploadedFile("mau.xlsx", response.content, content_type=XLSX), self.client_for(self.officer_a)
        )
        checked = self.check(job, self.client_for(self.officer_a))
        self.assertEqual((checked.context["job"].good, checked.context["job"].bad), (2, 0))
