"""An officer transfers a citizen's report from its page by picking where it goes, by name: a
commune or district of the province, or an agency. Nobody types a code; a wrong pick shows at its
field and moves nothing."""

from directives.access import organisation_label
from portal.models import Report, ReportStatus
from territory.queries import unit_label

from .base import ReportTestCase


class TransferPageTests(ReportTestCase):
    def url(self, report: Report) -> str:
        return f"/phan-anh/xu-ly/{report.pk}/transfer/"

    def test_the_page_offers_pickers_not_code_boxes(self) -> None:
        report = self.submit()
        page = self.client_for(self.officer_a).get(f"/phan-anh/xu-ly/{report.pk}/").content.decode()
        transfer = page.split('data-testid="transfer"')[1].split("</form>")[0]
        self.assertIn('data-picker="/units/pick/?', transfer)
        self.assertIn('data-picker="/directives/recipients/pick/?single=1"', transfer)
        self.assertIn("Chuyển cho xã hoặc huyện", transfer)
        self.assertIn("hoặc cho cơ quan", transfer)

    def test_a_commune_picked_by_name_takes_the_report(self) -> None:
        report = self.submit()
        response = self.client_for(self.officer_a).post(
            self.url(report), {"unit": unit_label(self.commune_b), "note": "Đúng địa bàn xã bên"}
        )
        self.assertRedirects(response, "/phan-anh/xu-ly/")  # out of the officer's jurisdiction now
        report.refresh_from_db()
        self.assertEqual((report.unit, report.status), (self.commune_b, ReportStatus.RECEIVED))

    def test_an_agency_picked_by_name_takes_the_report(self) -> None:
        report = self.submit()
        response = self.client_for(self.officer_a).post(
            self.url(report), {"organisation": organisation_label(self.press_agency)}
        )
        self.assertRedirects(response, f"/phan-anh/xu-ly/{report.pk}/")
        report.refresh_from_db()
        self.assertEqual((report.status, report.transferred_to), (ReportStatus.TRANSFERRED, self.press_agency))

    def test_a_wrong_pick_shows_at_its_field_and_moves_nothing(self) -> None:
        report = self.submit()
        client = self.client_for(self.officer_a)
        nothing = client.post(self.url(report), {"note": "Chuyển đi"})
        self.assertContains(nothing, 'data-field-error="unit"', status_code=422)
        self.assertContains(nothing, 'value="Chuyển đi"', status_code=422)
        village = self.commune_a.children.order_by("code").first()
        assert village is not None
        for value in (unit_label(village), "Xã không có (99999)"):
            with self.subTest(value=value):
                self.assertContains(
                    client.post(self.url(report), {"unit": value}), 'data-field-error="unit"', status_code=422
                )
        report.refresh_from_db()
        self.assertEqual((report.unit, report.status), (self.commune_a, ReportStatus.RECEIVED))

    def test_the_agency_picker_offers_agencies_alone_with_their_codes(self) -> None:
        found = self.client_for(self.officer_a).get("/directives/recipients/pick/", {"q": "bao", "single": "1"}).json()
        labels = [item["label"] for item in found["results"]]
        self.assertIn(organisation_label(self.press_agency), labels)
        self.assertTrue(all("members" not in item for item in found["results"]))
