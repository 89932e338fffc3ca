"""The printable permit: A4 or A6 PDF in Vietnamese, with the signed QR code; approved permits only."""

import re
import zlib

from zones.actions.permits import register_permit
from zones.permit_card import card_text, render_card

from .base import ZonesTestCase, permit_input


def page_size(pdf: bytes) -> tuple[float, float]:
    match = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert match is not None
    return float(match.group(1)), float(match.group(2))


def text_of(pdf: bytes) -> bytes:
    """Every content stream, inflated (text is written as glyph ids, so look for drawing ops)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    out = b""
    for stream in streams:
        try:
            out += zlib.decompress(stream)
        except zlib.error:
            out += stream
    return out


class PermitCardTests(ZonesTestCase):
    def test_a4_and_a6_for_an_approved_permit(self) -> None:
        permit = self.issue_permit()
        client = self.client_for(self.owner)
        a4 = client.get(f"/permits/{permit.pk}/card.pdf")
        self.assertEqual(a4.status_code, 200)
        self.assertEqual(a4["Content-Type"], "application/pdf")
        self.assertTrue(a4.content.startswith(b"%PDF"))
        width, height = page_size(a4.content)
        self.assertAlmostEqual(width, 595.28, places=0)
        self.assertAlmostEqual(height, 841.89, places=0)
        a6 = client.get(f"/permits/{permit.pk}/card.pdf", {"size": "a6"})
        width, height = page_size(a6.content)
        self.assertAlmostEqual(width, 297.64, places=0)
        self.assertAlmostEqual(height, 419.53, places=0)
        api = self.api_get(self.officer_a, f"/api/v1/permits/{permit.pk}/card.pdf?size=a6")
        self.assertEqual(api.status_code, 200)
        self.assertEqual(page_size(api.content), (width, height))

    def test_the_card_embeds_roboto_and_draws_the_qr_code(self) -> None:
        permit = self.issue_permit()
        pdf = render_card(permit, "https://phongdich.example/permits/check/?code=abc")
        self.assertIn(b"Roboto", pdf)
        self.assertGreater(text_of(pdf).count(b" re f"), 100)  # the QR code's dark modules
        self.assertIn("HÀNG HOÁ", card_text()["title"])  # the wording is Vietnamese data

    def test_only_approved_permits_print_and_only_for_those_who_see_them(self) -> None:
        pending = register_permit(permit_input(self.commune_a, self.commune_b), by=self.owner)
        self.assertEqual(self.client_for(self.owner).get(f"/permits/{pending.pk}/card.pdf").status_code, 409)
        response = self.api_get(self.owner, f"/api/v1/permits/{pending.pk}/card.pdf")
        self.assertEqual(response.status_code, 409)
        permit = self.issue_permit(plate="48C-777.77")
        self.assertEqual(self.client_for(self.officer_b).get(f"/permits/{permit.pk}/card.pdf").status_code, 404)
        self.assertEqual(self.client_for(self.owner).get(f"/permits/{permit.pk}/card.pdf?size=a3").status_code, 400)
        response = self.api_get(self.owner, f"/api/v1/permits/{permit.pk}/card.pdf?size=a3")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(self.client.get(f"/permits/{permit.pk}/card.pdf").status_code, 302)
