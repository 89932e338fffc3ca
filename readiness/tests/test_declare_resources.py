from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from readiness import actions
from readiness.models import Profile, Stock

from .base import ReadinessTestCase


class DeclareResourcesTests(ReadinessTestCase):
    def test_declared_beds_close_the_gap_of_the_commune(self) -> None:
        self.assertEqual(self.gap(self.commune_a).lines["giuong-dieu-tri"], [10, 0, 0, 10])
        self.declare(self.commune_a, self.officer_a, giuong_dieu_tri=12)
        self.assertEqual(self.gap(self.commune_a).lines["giuong-dieu-tri"], [10, 12, 0, 0])
        self.assertEqual(self.gap(self.commune_a, "10-50").lines["giuong-dieu-tri"], [50, 12, 0, 38])

    def test_beds_in_use_do_not_count_as_available(self) -> None:
        actions.declare(self.commune_a, self.officer_a, stocks={"giuong-dieu-tri": actions.StockValue(12, 5)})
        self.assertEqual(self.gap(self.commune_a).lines["giuong-dieu-tri"], [10, 7, 0, 3])

    def test_beds_in_use_above_beds_are_refused_and_nothing_changes(self) -> None:
        self.declare(self.commune_a, self.officer_a, xe_loa=1)
        with self.assertRaises(ValidationError) as caught:
            actions.declare(
                self.commune_a,
                self.officer_a,
                stocks={"xe-loa": actions.StockValue(3), "giuong-dieu-tri": actions.StockValue(10, 12)},
            )
        self.assertIn("số đang sử dụng (12) vượt quá tổng số hiện có (10)", str(caught.exception))
        self.assertEqual(self.stock(self.commune_a, "xe-loa").quantity, 1)
        self.assertIsNone(self.stock(self.commune_a, "giuong-dieu-tri"))

    def test_negative_and_non_numeric_quantities_are_refused_each_by_name(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.declare(self.commune_a, self.officer_a, xe_loa=-1, khau_trang="nhiều", dan_quan=4)
        messages = caught.exception.message_dict
        self.assertIn("số lượng không được âm", messages["xe-loa"][0])
        self.assertIn("“nhiều” không phải là số nguyên", messages["khau-trang"][0])
        self.assertFalse(Stock.objects.filter(unit=self.commune_a).exists())

    def test_a_sibling_commune_cannot_declare_for_another(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.declare(self.commune_a, self.officer_b, xe_loa=2)
        with self.assertRaises(PermissionDenied):
            self.declare(self.commune_a, self.inspector, xe_loa=2)  # inspectors look, they do not declare
        self.assertIsNone(self.stock(self.commune_a, "xe-loa"))

    def test_the_district_may_declare_for_its_commune(self) -> None:
        self.declare(self.commune_a, self.district_officer, xe_loa=2)
        self.assertEqual(self.stock(self.commune_a, "xe-loa").quantity, 2)

    def test_a_mobile_number_is_refused_as_the_duty_phone(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.declare(self.commune_a, self.officer_a, duty_phone="0912 345 678")
        self.assertIn("số di động là số cá nhân", str(caught.exception))
        self.assertFalse(Profile.objects.filter(unit=self.commune_a).exists())
        actions.declare(self.commune_a, self.officer_a, duty_phone="0261 3544 123", committee_name="BCĐ xã")
        self.assertEqual(Profile.objects.get(unit=self.commune_a).duty_phone, "02613544123")

    def test_committee_members_are_replaced_and_need_role_and_position(self) -> None:
        actions.declare(self.commune_a, self.officer_a, members=[actions.Member("Trưởng ban", "Chủ tịch UBND xã")])
        with self.assertRaises(ValidationError):
            actions.declare(self.commune_a, self.officer_a, members=[actions.Member("Phó ban", "")])
        from readiness.models import CommitteeMember

        self.assertEqual(list(CommitteeMember.objects.values_list("position", flat=True)), ["Chủ tịch UBND xã"])

    def test_a_declaration_through_a_page_is_audited(self) -> None:
        client = self.client_for(self.officer_a)
        url = f"/readiness/units/{self.commune_a.scheme}/{self.commune_a.code}/stocks/"
        response = client.post(url, {"q-xe-loa": "2"})
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.filter(content_type__model="stock").get()
        self.assertEqual(entry.actor, self.officer_a)
        self.assertEqual((entry.after or {})["quantity"], 2)

    def test_the_page_answers_bad_figures_with_the_vietnamese_message_and_keeps_the_old_ones(self) -> None:
        self.declare(self.commune_a, self.officer_a, xe_loa=1)
        client = self.client_for(self.officer_a)
        url = f"/readiness/units/{self.commune_a.scheme}/{self.commune_a.code}/stocks/"
        response = client.post(
            url, {"q-xe-loa": "-1", "q-khau-trang": "", "q-giuong-dieu-tri": "4", "u-giuong-dieu-tri": "9"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "số lượng không được âm", status_code=400)
        self.assertContains(response, "vượt quá tổng số hiện có", status_code=400)
        self.assertEqual(self.stock(self.commune_a, "xe-loa").quantity, 1)
        self.assertIsNone(self.stock(self.commune_a, "giuong-dieu-tri"))
