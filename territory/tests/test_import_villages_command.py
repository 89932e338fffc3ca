"""The import_villages command: CSV or XLSX in, villages under the right commune out, every bad row reported."""

import re
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from territory.actions import set_population
from territory.models import AdminUnit, Level, Scheme
from testing import JurisdictionTestCase, make_unit

VI_HEADER: list[object] = ["Mã xã", "Tên thôn", "Loại", "Dân số"]
EN_HEADER: list[object] = ["commune_code", "village_name", "type", "population"]

Rows = list[list[object]]


def villages_of(commune: AdminUnit) -> dict[str, AdminUnit]:
    return {v.name: v for v in AdminUnit.objects.filter(parent=commune, level=Level.VILLAGE)}


def reported_rows(stderr: str) -> list[int]:
    return sorted(int(number) for number in re.findall(r"^row (\d+):", stderr, flags=re.MULTILINE))


class ImportVillagesCommandTests(JurisdictionTestCase):
    def setUp(self) -> None:
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)

    # Files and running the command

    def write_csv(self, rows: Rows, name: str = "thon.csv", encoding: str = "utf-8", delimiter: str = ",") -> Path:
        path = self.folder / name
        text = "\n".join(delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows) + "\n"
        path.write_bytes(text.encode(encoding))
        return path

    def write_xlsx(self, rows: Rows, name: str = "thon.xlsx") -> Path:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is not None and value != "":
                    sheet.cell(row=row_number, column=column_number, value=value)
        path = self.folder / name
        workbook.save(path)
        return path

    def run_command(self, path: Path, *args: str) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        call_command("import_villages", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def run_refused(self, path: Path, *args: str) -> tuple[str, str, CommandError]:
        out, err = StringIO(), StringIO()
        with self.assertRaises(CommandError) as refused:
            call_command("import_villages", str(path), *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), refused.exception

    def village_count(self) -> int:
        return AdminUnit.objects.filter(level=Level.VILLAGE).count()

    def bad_file_rows(self) -> Rows:
        a, b = self.commune_a.code, self.commune_b.code
        return [
            VI_HEADER,  # row 1
            [b, "Thôn Tân Lập", "Thôn", 640],  # row 2: good
            ["99999", "Thôn Ma", "Thôn", 10],  # row 3: no such commune
            [self.district.code, "Thôn Huyện", "Thôn", 10],  # row 4: a district, not a commune
            [a, "", "Thôn", 10],  # row 5: no name
            [a, "Làng Cũ", "Làng", 10],  # row 6: not a village type
            [a, "Thôn Chữ", "Thôn", "abc"],  # row 7: population not a number
            [a, "Thôn Âm", "Thôn", -5],  # row 8: negative population
            [a, "Buôn Jun", "Buôn", 320],  # row 9: good
            [b, "Thôn Tân Lập", "Thôn", 640],  # row 10: same village as row 2
            [None, None, None, None],  # row 11: blank, skipped
            [self.village_a.code, "Thôn Con", "Thôn", 10],  # row 12: a village code, not a commune
        ]

    BAD_ROWS = [3, 4, 5, 6, 7, 8, 10, 12]

    # Good files

    def test_csv_with_vietnamese_headers_creates_villages_under_their_commune(self) -> None:
        a, b = self.commune_a, self.commune_b
        path = self.write_csv(
            [
                VI_HEADER,
                [b.code, "Thôn Tân Lập", "Thôn", 640],
                [b.code, "Bon Bu Đắk", "Bon", ""],
                [a.code, "Tổ dân phố 3", "Tổ dân phố", 1200],
            ]
        )
        before = self.village_count()

        out, err = self.run_command(path)

        self.assertEqual(err, "")
        self.assertEqual(self.village_count(), before + 3)
        in_b = villages_of(b)
        # commune_b already has <code>-001, so the running numbers continue from there.
        tan_lap, bon = in_b["Thôn Tân Lập"], in_b["Bon Bu Đắk"]
        self.assertEqual(tan_lap.code, f"{b.code}-002")
        self.assertEqual(bon.code, f"{b.code}-003")
        self.assertEqual(tan_lap.path, f"{b.path}{b.code}-002/")
        self.assertEqual(tan_lap.scheme, Scheme.LEGACY)
        self.assertEqual((tan_lap.type_name, tan_lap.population), ("Thôn", 640))
        self.assertEqual((bon.type_name, bon.population), ("Bon", None))
        to_dan_pho = villages_of(a)["Tổ dân phố 3"]
        self.assertEqual(to_dan_pho.code, f"{a.code}-002")
        self.assertEqual(to_dan_pho.parent, a)
        self.assertEqual((to_dan_pho.type_name, to_dan_pho.population), ("Tổ dân phố", 1200))
        self.assertTrue(to_dan_pho.is_within(self.district))
        self.assertIn("3 villages created", out)

    def test_xlsx_with_english_headers_and_numeric_cells_creates_villages(self) -> None:
        b = self.commune_b
        path = self.write_xlsx([EN_HEADER, [int(b.code), "Buôn Ja Ráh", "Buôn", 455], [b.code, "Thôn 9", "Thôn", None]])

        self.run_command(path)

        in_b = villages_of(b)
        self.assertEqual(set(in_b), {"Thôn 1", "Buôn Ja Ráh", "Thôn 9"})
        self.assertEqual(in_b["Buôn Ja Ráh"].code, f"{b.code}-002")
        self.assertEqual(in_b["Buôn Ja Ráh"].population, 455)
        self.assertEqual(in_b["Buôn Ja Ráh"].type_name, "Buôn")
        self.assertEqual(in_b["Thôn 9"].code, f"{b.code}-003")

    def test_csv_with_english_headers_and_xlsx_with_vietnamese_headers_are_both_read(self) -> None:
        a, b = self.commune_a, self.commune_b
        self.run_command(self.write_csv([EN_HEADER, [a.code, "Thôn Bắc", "Thôn", 100]]))
        self.run_command(self.write_xlsx([VI_HEADER, [b.code, "Thôn Nam", "Thôn", 200]]))

        self.assertEqual(villages_of(a)["Thôn Bắc"].population, 100)
        self.assertEqual(villages_of(b)["Thôn Nam"].population, 200)

    def test_semicolon_csv_with_thousands_separator_as_excel_saves_it(self) -> None:
        a = self.commune_a
        path = self.write_csv([VI_HEADER, [a.code, "Thôn Đông", "Thôn", "1.250"]], delimiter=";")

        self.run_command(path)

        self.assertEqual(villages_of(a)["Thôn Đông"].population, 1250)

    def test_type_is_matched_without_diacritics_or_case(self) -> None:
        a = self.commune_a
        path = self.write_csv(
            [
                VI_HEADER,
                [a.code, "Thôn Hạ", "thon", ""],
                [a.code, "Tổ 5", "TỔ DÂN PHỐ", ""],
                [a.code, "Buôn Trê", "buon", ""],
                [a.code, "Bon Ja", " BON ", ""],
            ]
        )

        self.run_command(path)

        types = {name: v.type_name for name, v in villages_of(a).items()}
        self.assertEqual(types["Thôn Hạ"], "Thôn")
        self.assertEqual(types["Tổ 5"], "Tổ dân phố")
        self.assertEqual(types["Buôn Trê"], "Buôn")
        self.assertEqual(types["Bon Ja"], "Bon")

    def test_scheme_option_imports_under_a_2025_commune(self) -> None:
        commune = AdminUnit.objects.get(scheme=Scheme.Y2025, code="22918")
        path = self.write_csv([VI_HEADER, ["22918", "Khu phố 1", "Khu phố", 900]])

        self.run_command(path, "--scheme", Scheme.Y2025)

        village = villages_of(commune)["Khu phố 1"]
        self.assertEqual((village.scheme, village.code), (Scheme.Y2025, "22918-001"))
        self.assertTrue(village.path.startswith(commune.path))

    def test_village_with_an_unnumbered_code_does_not_block_new_codes(self) -> None:
        # A village entered by hand in the admin with its own kind of code, next to <code>-001.
        a = self.commune_a
        make_unit(f"{a.code}-TDP", Level.VILLAGE, "Tổ dân phố", "Tổ dân phố Cũ", "Cũ", parent=a)
        path = self.write_csv([VI_HEADER, [a.code, "Thôn Mới", "Thôn", 150]])

        self.run_command(path)

        codes = set(AdminUnit.objects.filter(parent=a).values_list("code", flat=True))
        self.assertEqual(codes, {f"{a.code}-001", f"{a.code}-TDP", f"{a.code}-002"})

    # Running again

    def test_running_the_same_file_twice_creates_nothing_new(self) -> None:
        a, b = self.commune_a, self.commune_b
        path = self.write_csv([VI_HEADER, [a.code, "Thôn Tây", "Thôn", 300], [b.code, "Buôn Đrao", "Buôn", 410]])
        self.run_command(path)
        first = {v.code: (v.name, v.population) for v in AdminUnit.objects.filter(level=Level.VILLAGE)}

        out, _err = self.run_command(path)

        second = {v.code: (v.name, v.population) for v in AdminUnit.objects.filter(level=Level.VILLAGE)}
        self.assertEqual(second, first)
        self.assertIn("0 villages created, 0 updated", out)

    def test_running_again_with_a_new_population_updates_it_in_place(self) -> None:
        a = self.commune_a
        self.run_command(self.write_csv([VI_HEADER, [a.code, "Thôn Tây", "Thôn", 300]]))
        code = villages_of(a)["Thôn Tây"].code
        count = self.village_count()

        out, _err = self.run_command(self.write_csv([VI_HEADER, [a.code, "thôn tây", "Thôn", 345]], name="moi.csv"))

        self.assertEqual(self.village_count(), count)
        village = AdminUnit.objects.get(scheme=Scheme.LEGACY, code=code)
        self.assertEqual(village.population, 345)
        self.assertIn("0 villages created, 1 updated", out)

    def test_blank_population_keeps_the_known_population_and_changes_nothing(self) -> None:
        set_population(self.village_a, 777)
        path = self.write_csv([VI_HEADER, [self.commune_a.code, self.village_a.name, "Thôn", ""]])

        out, _err = self.run_command(path)

        self.village_a.refresh_from_db()
        self.assertEqual(self.village_a.population, 777)
        self.assertIn("0 villages created, 0 updated", out)

    # Bad rows

    def test_bad_rows_are_all_reported_with_their_row_numbers_and_nothing_is_imported(self) -> None:
        before = self.village_count()

        _out, err, refused = self.run_refused(self.write_csv(self.bad_file_rows()))

        self.assertEqual(reported_rows(err), self.BAD_ROWS)
        self.assertIn("--skip-bad-rows", str(refused))
        self.assertEqual(self.village_count(), before)

    def test_bad_rows_of_an_xlsx_file_have_the_row_numbers_excel_shows(self) -> None:
        before = self.village_count()

        _out, err, _refused = self.run_refused(self.write_xlsx(self.bad_file_rows()))

        self.assertEqual(reported_rows(err), self.BAD_ROWS)
        self.assertEqual(self.village_count(), before)

    def test_each_bad_row_is_reported_for_its_own_problem(self) -> None:
        _out, err, _refused = self.run_refused(self.write_csv(self.bad_file_rows()))

        lines = {int(m.group(1)): m.group(2) for m in re.finditer(r"^row (\d+): (.*)$", err, flags=re.MULTILINE)}
        self.assertIn("99999", lines[3])
        self.assertIn(self.district.code, lines[4])
        self.assertIn("Làng", lines[6])
        self.assertIn("abc", lines[7])
        self.assertIn("Thôn Tân Lập", lines[10])
        self.assertIn(self.village_a.code, lines[12])

    def test_skip_bad_rows_imports_only_the_good_rows(self) -> None:
        before = self.village_count()

        _out, err = self.run_command(self.write_csv(self.bad_file_rows()), "--skip-bad-rows")

        self.assertEqual(reported_rows(err), self.BAD_ROWS)
        self.assertEqual(self.village_count(), before + 2)
        self.assertEqual(villages_of(self.commune_b)["Thôn Tân Lập"].population, 640)
        self.assertEqual(villages_of(self.commune_a)["Buôn Jun"].population, 320)
        self.assertEqual(set(villages_of(self.commune_a)), {self.village_a.name, "Buôn Jun"})
        self.assertFalse(AdminUnit.objects.filter(level=Level.VILLAGE, name__in=["Thôn Huyện", "Thôn Con"]).exists())

    def test_dry_run_writes_nothing(self) -> None:
        path = self.write_csv([VI_HEADER, [self.commune_a.code, "Thôn Tây", "Thôn", 300]])
        before = self.village_count()

        out, _err = self.run_command(path, "--dry-run")

        self.assertIn("1 good rows, 0 bad rows", out)
        self.assertEqual(self.village_count(), before)

    def test_dry_run_with_bad_rows_reports_them_and_writes_nothing(self) -> None:
        before = self.village_count()

        _out, err = self.run_command(self.write_csv(self.bad_file_rows()), "--dry-run", "--skip-bad-rows")

        self.assertEqual(reported_rows(err), self.BAD_ROWS)
        self.assertEqual(self.village_count(), before)

    # Files that cannot be read at all

    def test_missing_column_is_named(self) -> None:
        path = self.write_csv([["Mã xã", "Tên thôn", "Dân số"], [self.commune_a.code, "Thôn Tây", 300]])

        _out, _err, refused = self.run_refused(path)

        self.assertIn("Loại", str(refused))
        self.assertNotIn("Tên thôn", str(refused))

    def test_english_header_missing_the_commune_code_is_named(self) -> None:
        path = self.write_csv([["code", "village_name", "type"], [self.commune_a.code, "Thôn Tây", "Thôn"]])
        before = self.village_count()

        _out, _err, refused = self.run_refused(path)

        self.assertIn("Mã xã", str(refused))
        self.assertEqual(self.village_count(), before)

    def test_text_file_is_refused(self) -> None:
        path = self.write_csv([VI_HEADER, [self.commune_a.code, "Thôn Tây", "Thôn", 300]], name="thon.txt")
        before = self.village_count()

        self.run_refused(path)

        self.assertEqual(self.village_count(), before)

    def test_csv_not_saved_as_utf8_is_refused(self) -> None:
        # Excel's "Unicode text" is UTF-16.
        path = self.write_csv([VI_HEADER, [self.commune_a.code, "Thôn Tây", "Thôn", 300]], encoding="utf-16")
        before = self.village_count()

        self.run_refused(path)

        self.assertEqual(self.village_count(), before)

    def test_missing_file_is_refused(self) -> None:
        self.run_refused(self.folder / "khong-co.csv")

    def test_header_only_file_is_refused(self) -> None:
        self.run_refused(self.write_csv([VI_HEADER]))
