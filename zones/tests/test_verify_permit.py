"""A checkpoint scans a permit's QR code: valid, expired, revoked or forged in one glance, with
the plate and route. A code cannot be made up or extended by editing it, and a revocation
applies at the next scan."""

import base64
import zlib
from datetime import timedelta
from urllib.parse import quote

from django.core import signing
from django.urls import reverse

from zones.actions.permits import register_permit, revoke_permit
from zones.models import GoodsPermit
from zones.permit_codes import SALT, sign

from .base import ZonesTestCase, permit_input, today


class VerifyPermitTests(ZonesTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.permit = self.issue_permit()
        self.code = sign(self.permit)

    def verify(self, code: str):  # type: ignore[no-untyped-def]
        response = self.client.get("/api/v1/public/permits/verify", {"code": code})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        return response.json()

    def test_a_valid_permit_with_its_plate_and_route(self) -> None:
        body = self.verify(self.code)
        self.assertEqual(body["result"], "valid")
        self.assertEqual(body["permit"]["plate"], "48C-123.45")
        self.assertEqual(body["permit"]["route"], self.permit.route_text)
        self.assertEqual(body["colour"], "#198754")

    def test_the_whole_scanned_address_works_too(self) -> None:
        url = "https://phongdich.example" + reverse("zones:checkpoint") + "?code=" + quote(self.code)
        self.assertEqual(self.verify(url)["result"], "valid")

    def test_revocation_applies_at_the_next_scan(self) -> None:
        revoke_permit(self.permit, by=self.officer_a, reason="Sai lộ trình")
        body = self.verify(self.code)
        self.assertEqual(body["result"], "revoked")
        self.assertEqual(body["permit"]["plate"], "48C-123.45")

    def test_expired_and_not_yet_valid(self) -> None:
        GoodsPermit.objects.filter(pk=self.permit.pk).update(
            valid_from=today() - timedelta(days=30), valid_until=today() - timedelta(days=1)
        )
        self.permit.refresh_from_db()
        self.assertEqual(self.verify(sign(self.permit))["result"], "expired")
        GoodsPermit.objects.filter(pk=self.permit.pk).update(
            valid_from=today() + timedelta(days=2), valid_until=today() + timedelta(days=9)
        )
        self.permit.refresh_from_db()
        self.assertEqual(self.verify(sign(self.permit))["result"], "not_yet_valid")

    def test_a_code_made_up_or_edited_is_forged(self) -> None:
        # Edit the signed text to extend the permit by a year, keeping the old signature.
        signature = self.code.rsplit(":", 1)[1]
        data = signing.loads(self.code, salt=SALT)
        data[3] = (today() + timedelta(days=365)).isoformat()
        edited = base64.urlsafe_b64encode(zlib.compress(signing.JSONSerializer().dumps(data))).decode().rstrip("=")
        self.assertEqual(self.verify(f".{edited}:{signature}")["result"], "forged")
        # A code signed with another key.
        other = signing.dumps(data, key="not-our-secret-key-0123456789", salt=SALT, compress=True)
        self.assertEqual(self.verify(other)["result"], "forged")
        # One character changed, or a signed-looking text with no valid signature.
        flipped = self.code[:-1] + ("A" if self.code[-1] != "A" else "B")
        for code in (flipped, "abc:def", "https://example.com/?code=.eJx:abc"):
            with self.subTest(code=code[:30]):
                body = self.verify(code)
                self.assertEqual(body["result"], "forged")
                self.assertIsNone(body["permit"])

    def test_a_signed_code_whose_permit_changed_since_printing_no_longer_applies(self) -> None:
        GoodsPermit.objects.filter(pk=self.permit.pk).update(valid_until=today() + timedelta(days=5))
        self.assertEqual(self.verify(self.code)["result"], "revoked")

    def test_an_empty_code_is_a_bad_request(self) -> None:
        self.assertEqual(self.client.get("/api/v1/public/permits/verify").status_code, 422)
        self.assertEqual(self.client.get("/api/v1/public/permits/verify", {"code": ""}).status_code, 422)

    def test_the_checkpoint_page_says_it_in_one_glance(self) -> None:
        response = self.client.get(reverse("zones:checkpoint"), {"code": self.code})
        self.assertContains(response, 'data-result="valid"')
        self.assertContains(response, "48C-123.45")
        self.assertContains(response, self.permit.route_text)
        self.assertEqual(response["Cache-Control"], "no-store")
        response = self.client.get(reverse("zones:checkpoint"), {"code": self.code[:-2]})
        self.assertContains(response, 'data-result="forged"')
        self.assertNotContains(response, "48C-123.45")
        self.assertEqual(self.client.get(reverse("zones:checkpoint")).status_code, 200)

    def test_a_pending_permit_has_no_valid_code(self) -> None:
        pending = register_permit(permit_input(self.commune_a, self.commune_b, plate="48C-555.55"), by=self.owner)
        self.assertEqual(self.verify(sign(pending))["result"], "revoked")
