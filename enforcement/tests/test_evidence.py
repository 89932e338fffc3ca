"""Evidence kept with a violation: photos and PDF only, at most 5 MB, never public."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement import actions
from enforcement.models import Evidence
from inspections.tests.test_inspection_files import EXE, JPEG, PDF
from lib.attachments import MAX_BYTES

from .base import ViolationTestCase


class EvidenceTests(ViolationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.violation = self.published(self.person())
        self.url = f"/api/v1/violations/{self.violation.pk}/evidence"

    def send(self, user, name: str, content: bytes):  # type: ignore[no-untyped-def]
        upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
        return self.client.post(self.url, {"file": upload}, headers=self.api_headers(user))

    def test_kept_checked_and_never_public(self) -> None:
        response = self.send(self.inspector, "anh-vi-pham.jpg", JPEG)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(self.send(self.inspector, "bien-ban.pdf", PDF).status_code, 201)
        self.assertEqual(self.send(self.inspector, "anh.jpg", EXE).status_code, 422)
        self.assertEqual(self.send(self.inspector, "lon.jpg", JPEG + b"\x00" * MAX_BYTES).status_code, 413)
        self.assertEqual(self.send(self.officer_b, "anh.jpg", JPEG).status_code, 404)
        self.assertEqual(Evidence.objects.count(), 2)
        kept = Evidence.objects.get(pk=response.json()["id"]).file.name
        self.assertTrue(kept.startswith(f"violations/{self.violation.pk}/"), kept)
        public = self.api_get(None, "/api/v1/public/violations").content.decode()
        self.assertNotIn("anh-vi-pham", public)
        url = reverse("enforcement:evidence_file", kwargs={"pk": response.json()["id"]})
        self.assertEqual(self.client_for(self.officer_a).get(url).status_code, 200)
        self.assertEqual(self.client_for(self.officer_b).get(url).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_not_on_a_withdrawn_violation(self) -> None:
        actions.withdraw_violation(self.violation, self.district_officer, reason="Nhầm")
        self.assertEqual(self.send(self.inspector, "anh.jpg", JPEG).status_code, 409)
