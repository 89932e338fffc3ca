from portal.models import Report
from safety.types import load_establishment_types
from testing import make_place

from .base import TEXT, ReportTestCase


class PlaceLinkTests(ReportTestCase):
    def test_report_about_a_place_from_its_qr_page(self) -> None:
        load_establishment_types()
        place = make_place(self.commune_without_officer, "Chợ Đức Mạnh")
        page = self.client.get(f"/p/{place.public_code}")
        self.assertContains(page, f"/phan-anh/gui/?place={place.public_code}")
        form = self.client.get(f"/phan-anh/gui/?place={place.public_code}")
        self.assertContains(form, "Chợ Đức Mạnh")
        self.client.post("/phan-anh/gui/", {"category": "wrong_state", "text": TEXT, "place": place.public_code})
        report = Report.objects.get()
        self.assertEqual((report.establishment, report.unit), (place, self.district))
