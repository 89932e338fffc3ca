"""A checkpoint without a camera types the number printed on the permit card, or the vehicle's
plate: the permit is looked up and its state shown (valid, expired, revoked, not found). A typed
number is never called forged — only a QR code whose signature does not match is."""

from datetime import timedelta

from django.urls import reverse

from zones.actions.permits import revoke_permit
from zones.models import GoodsPermit

from .base import ZonesTestCase, today


class CheckPermitByNumberTests(ZonesTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.permit = self.issue_permit()

    def check(self, typed: str) -> str:
        response = self.client.get(reverse("zones:checkpoint"), {"code": typed})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        return response.content.decode()

    def test_the_number_on_the_card_is_valid(self) -> None:
        page = self.check(self.permit.number)
        self.assertIn('data-result="valid"', page)
        self.assertIn("48C-123.45", page)
        self.assertIn(self.permit.route_text, page)

    def test_the_number_typed_loosely_is_found(self) -> None:
        loose = " " + self.permit.number.lower().replace("-", " ") + " "
        self.assertIn('data-result="valid"', self.check(loose))

    def test_the_plate_finds_the_vehicles_permit(self) -> None:
        for typed in ("48C-123.45", "48c12345", "48C 123 45"):
            with self.subTest(typed=typed):
                self.assertIn('data-result="valid"', self.check(typed))

    def test_a_revoked_or_expired_permit_says_so_by_number(self) -> None:
        GoodsPermit.objects.filter(pk=self.permit.pk).update(
            valid_from=today() - timedelta(days=30), valid_until=today() - timedelta(days=1)
        )
        self.assertIn('data-result="expired"', self.check(self.permit.number))
        self.permit.refresh_from_db()
        revoke_permit(self.permit, by=self.officer_a, reason="Sai lộ trình")
        self.assertIn('data-result="revoked"', self.check(self.permit.number))
        self.assertIn('data-result="revoked"', self.check("48C-123.45"))

    def test_an_unknown_number_or_plate_is_not_found_not_forged(self) -> None:
        for typed in ("LX-ABCDEFGH", "48C-999.99", "xin chào", "x" * 3000):
            with self.subTest(typed=typed[:20]):
                page = self.check(typed)
                self.assertIn('data-result="not_found"', page)
                self.assertNotIn('data-result="forged"', page)
                self.assertNotIn("48C-123.45", page)

    def test_the_api_looks_up_a_number_too(self) -> None:
        body = self.client.get("/api/v1/public/permits/verify", {"code": self.permit.number}).json()
        self.assertEqual(body["result"], "valid")
        self.assertEqual(body["permit"]["plate"], "48C-123.45")
        body = self.client.get("/api/v1/public/permits/verify", {"code": "LX-ABCDEFGH"}).json()
        self.assertEqual(body["result"], "not_found")
        self.assertIsNone(body["permit"])
