"""Importing a full criteria set from Excel: a new version, or nothing and every bad row listed."""

import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from audit.models import AuditEntry
from safety import scoring
from safety.actions.criteria import without_source
from safety.criteria import BAND_COLUMNS, ITEM_COLUMNS, check_criteria_workbook, current_set
from safety.models import CriteriaSet
from testing import CriteriaSetsTestCase

HOSPITALS = "qd-3088-benh-vien"
HUE = "hue-2020-nha-hang"
SCHOOLS = "cv-1467-truong-hoc"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Rows = list[list[Any]]


def item(**cells: Any) -> list[Any]:
    return [cells.get(key) for key in ITEM_COLUMNS]


def band(**cells: Any) -> list[Any]:
    return [cells.get(key) for key in BAND_COLUMNS]


def xlsx(*sheets: Rows, name: str = "bo-tieu-chi.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for index, rows in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet(f"Trang {index + 1}")
        assert sheet is not None
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


ITEM_HEADER = [names[0] for names in ITEM_COLUMNS.values()]
BAND_HEADER = [names[0] for names in BAND_COLUMNS.values()]
HOSPITAL_ROWS: Rows = [
    ITEM_HEADER,
    item(
        section_code="C1",
        section_title="Tổ chức",
        item_code="1.1",
        item_text="Ban chỉ đạo",
        kind="Chấm điểm",
        max_points=50,
    ),
    item(section_code="C1", item_code="1.2", item_text="Kế hoạch phòng, chống dịch", kind="score", max_points=50),
    item(
        section_code="C2",
        section_title="An toàn người bệnh",
        item_code="2.1",
        item_text="Sàng lọc",
        kind="Chấm điểm",
        max_points=42,
    ),
    item(item_code="2.2", item_text="Khu điều trị nhi", kind="Chấm điểm", max_points=8, na_allowed="có"),
    item(item_code="2.3", item_text="Phân luồng", kind="Lựa chọn", option_code="co", option_label="Có", points=4),
    item(option_code="khong", option_label="Không", points=0),
    item(item_code="2.4", item_text="Số giường cách ly", kind="Số", points=0, below=5, key="x"),
    item(item_code="2.4", points=2, below=20),
    item(points=4),
    item(item_code="2.5", item_text="Phòng cách ly", kind="Đạt/Không đạt"),
]


def listed_rows(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-row="(\d+)">', html)]


class ImportTests(CriteriaSetsTestCase):
    def post(self, code: str, upload: SimpleUploadedFile, user: Any = None, **data: Any):  # type: ignore[no-untyped-def]
        url = reverse("safety:criteria_import", args=[code])
        return self.client_for(user or self.admin).post(url, {"file": upload, **data})

    def versions(self, code: str) -> int:
        return CriteriaSet.objects.filter(code=code).count()

    def test_a_full_set_becomes_a_complete_new_version(self) -> None:
        shipped = current_set(HOSPITALS)
        response = self.post(HOSPITALS, xlsx(HOSPITAL_ROWS))
        self.assertRedirects(response, reverse("safety:criteria_detail", args=[HOSPITALS]))
        new = current_set(HOSPITALS)
        self.assertEqual((new.version, new.status, new.status_note, new.is_usable), (2, "complete", "", True))
        self.assertEqual(new.created_by, self.admin)
        self.assertEqual([s["code"] for s in new.definition["sections"]], ["C1", "C2"])
        self.assertEqual(
            [i["code"] for i in scoring.items_of(new.definition)], ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"]
        )
        number = scoring.items_of(new.definition)[5]
        self.assertEqual(number["bands"], [{"below": 5, "points": 0}, {"below": 20, "points": 2}, {"points": 4}])
        self.assertEqual(
            (new.definition["bands"], new.definition["rules"]),
            (shipped.definition["bands"], shipped.definition["rules"]),
        )
        self.assertEqual((new.title, new.legal_basis), (shipped.title, shipped.legal_basis))
        shipped.refresh_from_db()
        self.assertEqual((shipped.is_current, shipped.is_usable), (False, False))
        self.assertTrue(AuditEntry.objects.filter(object_id=str(new.pk), actor=self.admin).exists())

        answers = {"1.1": 40, "1.2": 30, "2.1": 28, "2.2": "na", "2.3": "co", "2.4": 25, "2.5": "dat"}
        result = scoring.score(new.definition, answers)
        self.assertEqual((result.score, result.max_score, result.band), (107, 151, "an_toan_thap"))

    def test_the_administrator_may_keep_it_partial(self) -> None:
        self.post(HOSPITALS, xlsx(HOSPITAL_ROWS), partial="on", status_note="Chưa có chương 3–8")
        new = current_set(HOSPITALS)
        self.assertEqual((new.version, new.status, new.status_note), (2, "partial", "Chưa có chương 3–8"))

    def test_a_check_only_writes_nothing(self) -> None:
        response = self.post(HOSPITALS, xlsx(HOSPITAL_ROWS), dry_run="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="check-ok"')
        self.assertEqual(self.versions(HOSPITALS), 1)

    def test_bad_rows_are_listed_with_their_numbers_and_nothing_is_written(self) -> None:
        rows: Rows = [
            ITEM_HEADER,  # 1
            item(
                section_code="C1",
                section_title="Chương 1",
                item_code="1.1",
                item_text="Tốt",
                kind="score",
                max_points=10,
            ),
            item(section_code="C1", item_code="1.2", item_text="Loại lạ", kind="Bảng"),  # 3: unknown kind
            item(
                item_code="1.3", item_text="Lựa chọn", kind="choice", option_code="a", option_label="A", points=1
            ),  # 4
            item(option_code="b", option_label="B"),  # 5: no points
            item(item_code="1.1", item_text="Lặp lại", kind="score", max_points=5),  # 6: code again
            item(item_code="1.4", item_text="Số người", kind="number", points=1, below=10),  # 7
            item(points=2, below=50),  # 8: the last band has a "below"
            item(section_code="C2", item_code="2.1", item_text="Không tên phần", kind="pass_fail"),  # 9
            item(item_code="2.2", item_text="Điểm chữ", kind="score", max_points="mười"),  # 10
            item(item_code="2.3", item_text="Đạt", kind="pass_fail", points=3),  # 11: points on a pass/fail
            [None] * len(ITEM_HEADER),  # 12: blank rows are skipped
            item(item_code="2.4", item_text="Âm", kind="choice", option_code="x", points=-1),  # 13
        ]
        response = self.post(HOSPITALS, xlsx(rows))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(sorted(listed_rows(response.content.decode())), [3, 5, 6, 8, 9, 10, 11, 13])
        self.assertEqual(self.versions(HOSPITALS), 1)

    def test_missing_columns_and_unreadable_files(self) -> None:
        response = self.post(HOSPITALS, xlsx([["Mã phần", "Tên phần"], ["C1", "Chương 1"]]))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(listed_rows(response.content.decode()), [1])
        response = self.post(HOSPITALS, SimpleUploadedFile("bo.xlsx", b"PK\x03\x04 not a workbook", content_type=XLSX))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-testid="import-errors"', status_code=400)
        response = self.post(HOSPITALS, xlsx([ITEM_HEADER]))
        self.assertEqual(response.status_code, 400)
        response = self.post(HOSPITALS, SimpleUploadedFile("bo.csv", b"a,b\n", content_type="text/csv"))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="file"', status_code=400)
        self.assertEqual(self.versions(HOSPITALS), 1)

    def test_a_file_over_5_mb_is_413(self) -> None:
        upload = SimpleUploadedFile("lon.xlsx", b"0" * (5 * 1024 * 1024 + 1), content_type=XLSX)
        self.assertEqual(self.post(HOSPITALS, upload).status_code, 413)
        self.assertEqual(self.versions(HOSPITALS), 1)

    def test_the_second_sheet_replaces_bands_and_rules(self) -> None:
        items: Rows = [ITEM_HEADER] + [
            item(
                section_code="A",
                section_title="Nhà hàng",
                item_code=f"NH{n}",
                item_text=f"Tiêu chí {n}",
                kind="score",
                max_points=10,
            )
            for n in range(1, 11)
        ]
        bands: Rows = [
            BAND_HEADER,
            band(row_type="Cách tính", code="basis", value="points"),
            band(row_type="Mức", code="tam_dung", label="Tạm dừng", min=0, state="Không an toàn"),
            band(row_type="Mức", code="khac_phuc", label="Khắc phục", min=50, state="at_risk"),
            band(row_type="Mức", code="an_toan", label="An toàn", min=70, min_inclusive="không", state="An toàn"),
            band(row_type="Quy tắc", code="any_item_zero", band="tam_dung", message="Có tiêu chí 0 điểm"),
        ]
        self.assertEqual(self.post(HUE, xlsx(items, bands)).status_code, 302)
        definition = current_set(HUE).definition
        self.assertEqual(
            [(b["code"], b["min"], b["state"]) for b in definition["bands"]],
            [("tam_dung", 0, "unsafe"), ("khac_phuc", 50, "at_risk"), ("an_toan", 70, "safe")],
        )
        self.assertIs(definition["bands"][2]["min_inclusive"], False)
        self.assertEqual(
            definition["rules"], [{"kind": "any_item_zero", "band": "tam_dung", "message": "Có tiêu chí 0 điểm"}]
        )
        seventy = {f"NH{n}": 7 for n in range(1, 11)}
        self.assertEqual(scoring.score(definition, seventy).band, "khac_phuc")
        self.assertEqual(scoring.score(definition, seventy | {"NH1": 8}).band, "an_toan")

    def test_bad_rows_of_the_second_sheet_are_listed_too(self) -> None:
        items: Rows = [
            ITEM_HEADER,
            item(section_code="A", section_title="A", item_code="NH1", item_text="Một", kind="score", max_points=10),
        ]
        bands: Rows = [
            BAND_HEADER,  # 1
            band(row_type="Mức", code="thap", label="Thấp", min=50, state="unsafe"),  # 2
            band(row_type="Mức", code="xanh", label="Xanh", min=80, state="xanh lá"),  # 3: unknown state
            band(row_type="Mức", code="vua", label="Vừa", min=40, state="at_risk"),  # 4: out of order
            band(row_type="Quy tắc", code="any_item_zero", band="khong_co"),  # 5: unknown band
            band(row_type="Ghi chú", code="x"),  # 6: unknown row type
        ]
        response = self.post(HUE, xlsx(items, bands))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(sorted(listed_rows(response.content.decode())), [3, 4, 5, 6])
        self.assertEqual(self.versions(HUE), 1)

    def test_key_marks_decide_the_key_criteria_rule(self) -> None:
        template = self.client_for(self.admin).get(reverse("safety:criteria_template", args=[SCHOOLS]))
        workbook = load_workbook(io.BytesIO(template.content))
        sheet = workbook.worksheets[0]
        key_column = list(ITEM_COLUMNS).index("key") + 1
        for row in sheet.iter_rows(min_row=2):
            if row[2].value in ("TC3", "TC4"):
                row[key_column - 1].value = "có" if row[2].value == "TC3" else "không"
        del workbook[workbook.sheetnames[1]]  # without a second sheet the current rules stay
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = SimpleUploadedFile("1467.xlsx", buffer.getvalue(), content_type=XLSX)
        self.assertEqual(self.post(SCHOOLS, upload, partial="on").status_code, 302)
        rule = current_set(SCHOOLS).definition["rules"][0]
        self.assertEqual((rule["kind"], rule["items"]), ("key_items_failed", ["TC3", "TC5", "TC10", "TC11"]))

    def test_the_template_of_every_set_imports_back_to_the_same_criteria(self) -> None:
        for criteria_set in CriteriaSet.objects.filter(is_current=True).exclude(code=self.criteria_set.code):
            if not criteria_set.is_usable:
                continue
            with self.subTest(code=criteria_set.code):
                response = self.client_for(self.admin).get(
                    reverse("safety:criteria_template", args=[criteria_set.code])
                )
                self.assertEqual(response["Content-Type"], XLSX)
                checked = check_criteria_workbook(io.BytesIO(response.content), criteria_set)
                self.assertEqual(checked.errors, [])
                self.assertEqual(checked.definition, without_source(criteria_set.definition))

    def test_importing_the_same_set_again_changes_nothing(self) -> None:
        current = current_set(SCHOOLS)
        template = self.client_for(self.admin).get(reverse("safety:criteria_template", args=[SCHOOLS]))
        upload = SimpleUploadedFile("1467.xlsx", template.content, content_type=XLSX)
        self.post(SCHOOLS, upload, partial="on", status_note=current.status_note)
        self.assertEqual(self.versions(SCHOOLS), 1)

    def test_only_the_provincial_administrator_may_import(self) -> None:
        for user in self.everyone_but_the_administrator():
            with self.subTest(user=user.username):
                self.assertEqual(self.post(HOSPITALS, xlsx(HOSPITAL_ROWS), user=user).status_code, 403)
                url = reverse("safety:criteria_template", args=[HOSPITALS])
                self.assertEqual(self.client_for(user).get(url).status_code, 403)
        self.assertEqual(self.versions(HOSPITALS), 1)

    def test_an_unknown_set_is_404(self) -> None:
        self.assertEqual(self.post("qd-0000-khong-co", xlsx(HOSPITAL_ROWS)).status_code, 404)
