"""Reports as tests need them: a photo with a GPS position in its EXIF data, a report sent through
the action, and the jurisdiction base (commune_a has an officer; the third commune of Đắk Mil has
none, so its reports go to the district)."""

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal import abuse, actions
from portal.models import Report
from safety.types import load_establishment_types
from territory.models import AdminUnit, Scheme
from testing import JurisdictionTestCase
from zones.computing import recompute
from zones.tests.base import ZonesTestCase, put_cases

TEXT = "Quán karaoke gần chợ vẫn mở cửa đến khuya, rất đông người, không ai đeo khẩu trang."


def photo_with_gps(name: str = "anh.jpg", size: tuple[int, int] = (64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (12.0, 27.0, 0.0), "E", (107.0, 37.0, 0.0)
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


class ReportTestCase(JurisdictionTestCase):
    commune_without_officer: AdminUnit

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commune_without_officer = cls.district.children.order_by("code")[2]

    def submit(self, address: str = "10.0.0.1", **values: Any) -> Report:
        data: dict[str, Any] = {"category": "gathering", "text": TEXT, "unit": self.commune_a.code}
        data.update(values)
        uploads = data.pop("photos", [])
        return actions.submit_report(data, uploads, client=abuse.Client(address=address))


class PublicPagesTestCase(ZonesTestCase):
    """What the public pages show: the types of place, and commune_a with two untraced cases
    today, its level computed."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_establishment_types()
        put_cases(cls.commune_a, 2, untraced=2)
        recompute(scheme=Scheme.LEGACY)
