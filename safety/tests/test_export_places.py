"""GET /places/export.xlsx: the list's filters and jurisdiction, Vietnamese headers, no owners' data."""

import io
from typing import Any, ClassVar

from openpyxl import load_workbook

from safety.models import Registration
from safety.places import EXPORT_HEADERS
from testing import make_place

from .base import ListedPlacesTestCase

URL = "/places/export.xlsx"


class ExportPlacesTests(ListedPlacesTestCase):
    # The market's size and business contact, which the export shows; the school waits for
    # acceptance and is suspended.
    market_a_fields: ClassVar[dict[str, Any]] = {
        "capacity": 800,
        "contact_name": "Ban quản lý chợ",
        "contact_phone": "0261 3741 234",
    }
    school_a_fields: ClassVar[dict[str, Any]] = {"registration": Registration.PENDING, "status": "suspended"}

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The market's owner, whose name and phone the export must leave out.
        cls.owner.full_name = "Phạm Chủ Sở Hữu"
        cls.owner.phone = "0999888777"
        cls.owner.save()
        cls.market_a.owners.add(cls.owner)

    def export(self, user, **params):  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(URL, params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertIn("attachment;", response["Content-Disposition"])
        workbook = load_workbook(io.BytesIO(response.getvalue()))
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    def test_headers_and_rows_of_the_commune_officers_places(self) -> None:
        header, rows = self.export(self.officer_a)
        self.assertEqual(header, EXPORT_HEADERS)
        self.assertEqual(header[:3], ["Mã công khai", "Tên cơ sở", "Loại hình"])
        self.assertEqual([row["Tên cơ sở"] for row in rows], ["Chợ Đắk Mil", "Trường Kim Đồng"])
        market, school = rows
        self.assertEqual(market["Mã công khai"], self.market_a.public_code)
        self.assertEqual(market["Loại hình"], "Chợ")
        self.assertEqual(market["Mã đơn vị"], self.commune_a.code)
        self.assertEqual(market["Quy mô (người)"], 800)
        self.assertEqual(market["Điện thoại"], "0261 3741 234")  # the place's business contact
        self.assertEqual(market["Trạng thái an toàn"], "An toàn")
        self.assertEqual(market["Tình trạng"], "Đang hoạt động")
        self.assertEqual(school["Đăng ký"], "Chờ duyệt")
        self.assertEqual(school["Tình trạng"], "Tạm ngừng hoạt động")
        self.assertEqual(school["Mã đơn vị"], self.village_a.code)

    def test_other_jurisdictions_places_are_absent(self) -> None:
        names = {row["Tên cơ sở"] for row in self.export(self.officer_b)[1]}
        self.assertEqual(names, {"Chợ Đắk Lao"})
        names = {row["Tên cơ sở"] for row in self.export(self.district_officer)[1]}
        self.assertEqual(names, {"Chợ Đắk Mil", "Trường Kim Đồng", "Chợ Đắk Lao"})

    def test_the_lists_filters_apply(self) -> None:
        names = [row["Tên cơ sở"] for row in self.export(self.district_officer, type="market")[1]]
        self.assertEqual(sorted(names), ["Chợ Đắk Lao", "Chợ Đắk Mil"])
        names = [row["Tên cơ sở"] for row in self.export(self.district_officer, unit=self.commune_b.code)[1]]
        self.assertEqual(names, ["Chợ Đắk Lao"])
        names = [row["Tên cơ sở"] for row in self.export(self.district_officer, state="safe", q="dak mil")[1]]
        self.assertEqual(names, ["Chợ Đắk Mil"])

    def test_owners_personal_data_is_never_exported(self) -> None:
        _header, rows = self.export(self.province_officer)
        cells = {str(value) for row in rows for value in row.values()}
        for personal in ("owner", "Phạm Chủ Sở Hữu", "0999888777"):
            self.assertNotIn(personal, cells)

    def test_refused_outside_the_jurisdiction_and_for_those_without_a_list(self) -> None:
        self.assertEqual(self.client_for(self.officer_a).get(URL, {"unit": self.commune_b.code}).status_code, 403)
        self.assertEqual(self.client_for(self.owner).get(URL).status_code, 403)
        self.assertEqual(self.client_for(self.press).get(URL).status_code, 403)
        self.assertEqual(self.client_for(self.officer_a).get(URL, {"state": "green"}).status_code, 400)
        self.assertEqual(self.client.get(URL).status_code, 302)

    def test_a_name_that_looks_like_a_formula_stays_text(self) -> None:
        make_place(self.commune_a, '=HYPERLINK("http://evil.example","bấm")', "market")
        response = self.client_for(self.officer_a).get(URL)
        workbook = load_workbook(io.BytesIO(response.getvalue()))
        cells = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=2)]
        formula = next(cell for cell in cells if str(cell.value).startswith("="))
        self.assertEqual(formula.data_type, "s")
