"""Photos and PDFs on an inspection: recognised by their content, at most 5 MB, visible only
where the inspection is."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import InspectionFile
from lib.attachments import MAX_BYTES
from lib.uploads import detect

from .base import InspectionTestCase

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 200
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class InspectionFileTests(InspectionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.inspection = self.schedule(self.district_officer, self.commune_a)
        self.url = f"/api/v1/inspections/{self.inspection.pk}/files"

    def send(self, user, name: str, content: bytes):  # type: ignore[no-untyped-def]
        return self.client.post(self.url, {"file": upload(name, content)}, headers=self.api_headers(user))

    def test_content_decides_the_type(self) -> None:
        self.assertEqual(detect(JPEG), "image/jpeg")
        self.assertEqual(detect(PNG), "image/png")
        self.assertEqual(detect(PDF), "application/pdf")
        self.assertEqual(detect(WEBP), "image/webp")
        self.assertIsNone(detect(EXE))
        self.assertIsNone(detect(SVG))

    def test_photos_and_pdf_are_attached(self) -> None:
        for name, content, kind in (
            ("ảnh hiện trường.jpg", JPEG, "image/jpeg"),
            ("bien-ban.pdf", PDF, "application/pdf"),
            ("so-do.png", PNG, "image/png"),
        ):
            with self.subTest(name=name):
                response = self.send(self.district_officer, name, content)
                self.assertEqual(response.status_code, 201, response.content)
                self.assertEqual(response.json()["content_type"], kind)
        self.assertEqual(self.inspection.files.count(), 3)
        for kept in self.inspection.files.all():
            self.assertTrue(kept.file.name.startswith(f"inspections/{self.inspection.pk}/"), kept.file.name)

    def test_other_files_are_refused_whatever_their_name(self) -> None:
        for name, content in (
            ("anh.jpg", EXE),  # a program named as a photo
            ("anh.svg", SVG),
            ("bien-ban.jpg", PDF),  # content and name disagree
            ("anh.exe", JPEG),
            ("trong.pdf", b""),
        ):
            with self.subTest(name=name):
                response = self.send(self.district_officer, name, content)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["errors"][0]["field"], "file")
        self.assertFalse(InspectionFile.objects.exists())

    def test_a_file_over_5_mb_is_413(self) -> None:
        response = self.send(self.district_officer, "lon.jpg", JPEG + b"\x00" * (MAX_BYTES - len(JPEG) + 1))
        self.assertEqual(response.status_code, 413)
        self.assertEqual(
            self.send(self.district_officer, "vua.jpg", JPEG + b"\x00" * (MAX_BYTES - len(JPEG))).status_code, 201
        )
        self.assertEqual(self.inspection.files.count(), 1)

    def test_only_the_inspecting_side_attaches(self) -> None:
        self.assertEqual(self.send(self.officer_a, "anh.jpg", JPEG).status_code, 403)
        self.assertEqual(self.send(self.officer_b, "anh.jpg", JPEG).status_code, 404)
        self.assertFalse(InspectionFile.objects.exists())

    def test_download_follows_the_inspection(self) -> None:
        file_id = self.send(self.district_officer, "anh.jpg", JPEG).json()["id"]
        url = reverse("inspections:file", kwargs={"pk": file_id})
        response = self.client_for(self.officer_a).get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertEqual(response.getvalue(), JPEG)
        self.assertEqual(self.client_for(self.officer_b).get(url).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 302)  # to the sign-in page

    def test_the_page_refuses_a_bad_file_with_its_reason(self) -> None:
        client = self.client_for(self.district_officer)
        url = reverse("inspections:upload", kwargs={"pk": self.inspection.pk})
        response = client.post(url, {"file": upload("anh.jpg", EXE)})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="file"', status_code=400)
        response = client.post(url, {"file": upload("anh.jpg", JPEG)})
        self.assertRedirects(response, reverse("inspections:detail", kwargs={"pk": self.inspection.pk}))
        self.assertEqual(self.inspection.files.count(), 1)
