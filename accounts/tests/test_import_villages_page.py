"""The villages import page: only the administrator, check first, import all or nothing unless asked."""

import csv
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lib.tabular import match_headers
from territory.models import AdminUnit, Level, Scheme
from territory.villages import COLUMNS, REQUIRED
from testing import JurisdictionTestCase, make_unit, xlsx_bytes

HEADER: list[object] = ["Mã xã", "Tên thôn", "Loại", "Dân số"]
URL = reverse("units:village_import")

Rows = list[list[object]]


def csv_upload(rows: Rows, name: str = "thon.csv") -> SimpleUploadedFile:
    text = "\n".join(",".join("" if cell is None else str(cell) for cell in row) for row in rows) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows: Rows, name: str = "thon.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, xlsx_bytes(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def listed_rows(html: str) -> list[int]:
    """The row numbers in the problems table, in the order shown."""
    return [int(number) for number in re.findall(r"<tr><td>(\d+)</td>", html)]


class VillageImportPageTests(JurisdictionTestCase):
    def village_count(self) -> int:
        return AdminUnit.objects.filter(level=Level.VILLAGE).count()

    def villages_of(self, commune: AdminUnit) -> dict[str, AdminUnit]:
        return {v.name: v for v in AdminUnit.objects.filter(parent=commune, level=Level.VILLAGE)}

    def post(
        self,
        upload: SimpleUploadedFile,
        *,
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        client: Client | None = None,
    ):  # type: ignore[no-untyped-def]
        data: dict[str, object] = {"file": upload}
        if dry_run:
            data["dry_run"] = "on"
        if skip_bad_rows:
            data["skip_bad_rows"] = "on"
        return (client or self.client_for(self.admin)).post(URL, data)

    def good_rows(self) -> Rows:
        return [
            HEADER,
            [self.commune_b.code, "Thôn Tân Lập", "Thôn", 640],
            [self.commune_a.code, "Buôn Jun", "Buôn", 320],
        ]

    def mixed_rows(self) -> Rows:
        return [
            HEADER,  # row 1
            [self.commune_b.code, "Thôn Tân Lập", "Thôn", 640],  # row 2: good
            ["99999", "Thôn Ma", "Thôn", 10],  # row 3: no such commune
            [self.district.code, "Thôn Huyện", "Thôn", 10],  # row 4: a district
            [self.commune_a.code, "Buôn Jun", "Buôn", 320],  # row 5: good
            [self.commune_a.code, "Thôn Chữ", "Thôn", "abc"],  # row 6: population not a number
            [self.commune_a.code, "", "Thôn", 10],  # row 7: no name
        ]

    # Who may use it

    def test_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        response = Client().get(URL)

        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_only_the_administrator_may_open_the_page(self) -> None:
        self.assertEqual(self.client_for(self.admin).get(URL).status_code, 200)
        for user in self.everyone_but_the_administrator():
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(URL).status_code, 403)

    def test_officers_cannot_import_by_posting(self) -> None:
        before = self.village_count()
        for user in (self.officer_a, self.district_officer, self.province_officer):
            with self.subTest(user=user.username):
                response = self.post(csv_upload(self.good_rows()), client=self.client_for(user))
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self.village_count(), before)

    # Checking and importing

    def test_dry_run_reports_good_and_bad_rows_and_writes_nothing(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload(self.mixed_rows()), dry_run=True)

        self.assertEqual(response.status_code, 200)
        checked = response.context["checked"]
        self.assertEqual((len(checked.rows), len(checked.errors)), (2, 4))
        self.assertEqual(listed_rows(response.content.decode()), [3, 4, 6, 7])
        summary = re.search(r'data-testid="import-summary">(.*?)</p>', response.content.decode(), flags=re.DOTALL)
        assert summary is not None
        self.assertEqual(re.findall(r"\d+", summary.group(1)), ["2", "4"])
        self.assertEqual(self.village_count(), before)

    def test_clean_file_is_imported(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload(self.good_rows()))

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.village_count(), before + 2)
        tan_lap = self.villages_of(self.commune_b)["Thôn Tân Lập"]
        self.assertEqual(
            (tan_lap.code, tan_lap.population, tan_lap.type_name), (f"{self.commune_b.code}-002", 640, "Thôn")
        )
        self.assertEqual(self.villages_of(self.commune_a)["Buôn Jun"].population, 320)
        self.assertEqual(len(list(response.context["messages"])), 1)

    def test_clean_xlsx_file_is_imported(self) -> None:
        response = self.post(xlsx_upload(self.good_rows()))

        self.assertEqual(response.status_code, 200)
        self.assertIn("Thôn Tân Lập", self.villages_of(self.commune_b))
        self.assertIn("Buôn Jun", self.villages_of(self.commune_a))

    def test_file_with_bad_rows_imports_nothing(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload(self.mixed_rows()))

        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.village_count(), before)
        self.assertEqual(listed_rows(response.content.decode()), [3, 4, 6, 7])

    def test_skip_bad_rows_imports_only_the_good_rows(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload(self.mixed_rows()), skip_bad_rows=True)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.village_count(), before + 2)
        self.assertEqual(set(self.villages_of(self.commune_b)), {self.village_b.name, "Thôn Tân Lập"})
        self.assertEqual(set(self.villages_of(self.commune_a)), {self.village_a.name, "Buôn Jun"})

    def test_uploading_the_same_file_twice_creates_nothing_new(self) -> None:
        self.post(csv_upload(self.good_rows()))
        after_first = self.village_count()

        response = self.post(csv_upload(self.good_rows()))

        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.village_count(), after_first)

    def test_commune_code_of_the_2025_scheme_is_unknown(self) -> None:
        # 22918 (phường Mũi Né) exists only in the 2025 tree; the page imports into the legacy tree.
        self.assertTrue(AdminUnit.objects.filter(scheme=Scheme.Y2025, code="22918").exists())
        self.assertFalse(AdminUnit.objects.filter(scheme=Scheme.LEGACY, code="22918").exists())
        rows = [HEADER, ["22918", "Khu phố 1", "Khu phố", 900]]

        checked = self.post(csv_upload(rows), dry_run=True).context["checked"]
        response = self.post(csv_upload(rows), skip_bad_rows=True)

        self.assertEqual([error.row for error in checked.errors], [2])
        self.assertIn("22918", checked.errors[0].message)
        self.assertFalse(AdminUnit.objects.filter(level=Level.VILLAGE, name="Khu phố 1").exists())
        self.assertEqual(response.status_code, 200)

    def test_commune_of_another_province_is_refused(self) -> None:
        province = make_unit("68", Level.PROVINCE, "Tỉnh", "Tỉnh Lâm Đồng", "Lâm Đồng")
        district = make_unit("672", Level.DISTRICT, "Thành phố", "Thành phố Đà Lạt", "Đà Lạt", parent=province)
        commune = make_unit("24778", Level.COMMUNE, "Phường", "Phường 7", "7", parent=district)
        rows = [HEADER, [self.commune_a.code, "Thôn Tây", "Thôn", 300], [commune.code, "Khu phố 2", "Khu phố", 500]]

        response = self.post(csv_upload(rows), skip_bad_rows=True)

        self.assertEqual(listed_rows(response.content.decode()), [3])
        self.assertFalse(AdminUnit.objects.filter(parent=commune).exists())
        self.assertIn("Thôn Tây", self.villages_of(self.commune_a))

    def test_three_thousand_bad_rows_still_answer_and_list_at_most_500(self) -> None:
        rows: Rows = [HEADER] + [["99999", f"Thôn {n}", "Thôn", n] for n in range(3000)]

        response = self.post(csv_upload(rows), dry_run=True)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["checked"].error_count, 3000)
        shown = listed_rows(response.content.decode())
        self.assertEqual(len(shown), 500)
        self.assertEqual(shown[:2], [2, 3])

    def test_three_thousand_bad_rows_import_nothing(self) -> None:
        rows: Rows = [HEADER] + [["99999", f"Thôn {n}", "Thôn", n] for n in range(3000)]
        before = self.village_count()

        response = self.post(csv_upload(rows))

        self.assertEqual(response.status_code, 400)
        self.assertLessEqual(len(listed_rows(response.content.decode())), 500)
        self.assertEqual(self.village_count(), before)

    # Files that cannot be read

    def test_text_file_is_refused(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload(self.good_rows(), name="thon.txt"))

        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.village_count(), before)

    def test_wrong_header_is_refused_naming_the_missing_column(self) -> None:
        before = self.village_count()

        response = self.post(csv_upload([["Mã xã", "Tên thôn", "Dân số"], [self.commune_a.code, "Thôn Tây", 300]]))

        self.assertEqual(response.status_code, 400)
        self.assertIn("Loại", " ".join(response.context["form"].errors["file"]))
        self.assertEqual(self.village_count(), before)

    def test_csv_not_in_utf8_is_refused(self) -> None:
        text = "Mã xã,Tên thôn,Loại,Dân số\n24664,Thôn Tây,Thôn,300\n"
        upload = SimpleUploadedFile("thon.csv", text.encode("utf-16"), content_type="text/csv")

        response = self.post(upload)

        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)

    # The template

    def test_template_is_a_csv_whose_header_the_importer_accepts(self) -> None:
        response = self.client_for(self.admin).get(reverse("units:village_template"))

        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/csv"))
        self.assertIn(".csv", response["Content-Disposition"])
        body = response.content.decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(body)))
        self.assertEqual(set(match_headers(header, COLUMNS, REQUIRED)), set(COLUMNS))

        checked = self.post(SimpleUploadedFile("mau.csv", response.content, content_type="text/csv"), dry_run=True)

        self.assertEqual(checked.status_code, 200)
        self.assertEqual(checked.context["checked"].file_error, "")
        # The sample rows are villages of a commune of the province, so they check clean.
        self.assertEqual(checked.context["checked"].errors, [])
        self.assertGreater(len(checked.context["checked"].rows), 0)
