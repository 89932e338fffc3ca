"""Evidence of an activity: a link, or a file whose type and size are checked."""

from django.core.files.uploadedfile import SimpleUploadedFile

from outreach import actions
from outreach.models import Activity

from .base import OutreachTestCase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class EvidenceTests(OutreachTestCase):
    def upload(self, name: str, content: bytes):  # type: ignore[no-untyped-def]
        data = self.activity_payload()
        data["units"] = self.village_a.code
        return self.client.post(
            "/api/v1/outreach/activities/with-evidence",
            {**data, "evidence": SimpleUploadedFile(name, content)},
            headers=self.api_headers(self.officer_a),
        )

    def test_a_photo_is_kept(self) -> None:
        response = self.upload("anh.png", PNG)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertTrue(response.json()["evidence_file"].endswith(".png"))
        self.assertTrue(Activity.objects.get().evidence_file.name.endswith(".png"))

    def test_a_file_of_a_type_not_allowed_is_refused(self) -> None:
        response = self.upload("virus.exe", b"MZ\x90\x00")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "evidence_file")
        self.assertFalse(Activity.objects.exists())

    def test_a_file_whose_content_is_not_its_type_is_refused(self) -> None:
        self.assertEqual(self.upload("anh.png", b"<html>not a picture</html>").status_code, 422)
        self.assertEqual(self.upload("bao-cao.pdf", PNG).status_code, 422)
        self.assertFalse(Activity.objects.exists())

    def test_a_file_too_large_is_413(self) -> None:
        big = PNG + b"\x00" * (actions.MAX_EVIDENCE_BYTES + 1)
        response = self.upload("anh.png", big)
        self.assertEqual(response.status_code, 413)
        self.assertFalse(Activity.objects.exists())

    def test_a_link_is_kept(self) -> None:
        response = self.api_post(
            self.officer_a,
            "/api/v1/outreach/activities",
            self.activity_payload(evidence_url="https://baodaknong.vn/bai-viet"),
        )
        self.assertEqual(response.json()["evidence_url"], "https://baodaknong.vn/bai-viet")
