"""Violation types are data from Nghị định 117/2020/NĐ-CP: loaded once, edits kept."""

from enforcement.models import ViolationType
from enforcement.types import load_violation_types
from testing import JurisdictionTestCase


class ViolationTypeTests(JurisdictionTestCase):
    def test_the_six_acts_of_the_decree_with_their_ranges(self) -> None:
        created, _ = load_violation_types()
        self.assertEqual(created, 6)
        ranges = dict(ViolationType.objects.values_list("code", "fine_max"))
        self.assertEqual(ranges["khong-deo-khau-trang"], 3_000_000)
        self.assertEqual(ranges["dua-tin-khong-chinh-xac"], 15_000_000)
        self.assertEqual(set(ViolationType.objects.values_list("legal_basis", flat=True)), {"Nghị định 117/2020/NĐ-CP"})
        self.assertEqual(
            ViolationType.objects.get(code="dua-tin-khong-chinh-xac").additional_measures,
            "Buộc cải chính thông tin sai sự thật",
        )

    def test_loading_again_keeps_the_administrators_edits(self) -> None:
        load_violation_types()
        ViolationType.objects.filter(code="khong-deo-khau-trang").update(
            legal_basis="Điểm a khoản 1 Điều 12 Nghị định 117/2020/NĐ-CP"
        )
        self.assertEqual(load_violation_types(), (0, 0))
        self.assertTrue(ViolationType.objects.get(code="khong-deo-khau-trang").legal_basis.startswith("Điểm a"))
        self.assertEqual(load_violation_types(refresh=True), (0, 6))

    def test_the_administrator_edits_them(self) -> None:
        load_violation_types()
        client = self.client_for(self.admin)
        kind = ViolationType.objects.get(code="tron-tranh-cach-ly")
        page = client.get(f"/admin/enforcement/violationtype/{kind.pk}/change/")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(
            self.client_for(self.district_officer).get("/admin/enforcement/violationtype/").status_code, 302
        )
