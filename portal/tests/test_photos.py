from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import Report, ReportPhoto

from .base import TEXT, ReportTestCase, photo_with_gps


class PhotoTests(ReportTestCase):
    def send(self, *photos: SimpleUploadedFile) -> Any:
        data: dict[str, object] = {"category": "gathering", "text": TEXT, "unit": self.commune_a.code}
        for index, photo in enumerate(photos, start=1):
            data[f"photo{index}"] = photo
        return self.client.post("/phan-anh/gui/", data)

    def test_metadata_and_location_are_stripped(self) -> None:
        original = photo_with_gps()
        self.assertIn(0x8825, Image.open(BytesIO(original.read())).getexif())
        original.seek(0)
        response = self.send(original)
        self.assertEqual(response.status_code, 302)
        stored = ReportPhoto.objects.get()
        with stored.file.open("rb") as handle:
            kept = Image.open(BytesIO(handle.read()))
        self.assertEqual(kept.format, "JPEG")
        self.assertEqual(dict(kept.getexif()), {})
        self.assertNotIn(b"PhoneMaker", stored.file.open("rb").read())

    def test_photos_are_seen_by_the_officers_of_the_jurisdiction_only(self) -> None:
        self.send(photo_with_gps())
        photo = ReportPhoto.objects.get()
        url = f"/phan-anh/xu-ly/anh/{photo.pk}/"
        self.assertEqual(self.client_for(self.officer_a).get(url).status_code, 200)
        self.assertEqual(self.client_for(self.officer_b).get(url).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 302)  # to the login page

    def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(self) -> None:
        fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not really a photo" * 10, content_type="image/jpeg")
        response = self.send(fake)
        self.assertContains(response, "không phải là ảnh", status_code=422)
        self.assertFalse(Report.objects.exists())

    def test_a_photo_over_5_mb_is_refused(self) -> None:
        big = SimpleUploadedFile("to.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), content_type="image/jpeg")
        response = self.send(big)
        self.assertContains(response, "tối đa 5 MB", status_code=422)
        self.assertFalse(Report.objects.exists())
        self.assertFalse(ReportPhoto.objects.exists())
