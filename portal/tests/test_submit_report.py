from django.core import mail

from portal.models import Report, ReportStatus

from .base import TEXT, ReportTestCase


class SubmitReportTests(ReportTestCase):
    def test_form_gives_a_tracking_code_and_the_status_page(self) -> None:
        response = self.client.get("/phan-anh/gui/")
        self.assertContains(response, self.commune_a.name)
        self.assertIn("pd_device", response.cookies)
        response = self.client.post(
            "/phan-anh/gui/",
            {"category": "gathering", "text": TEXT, "unit": self.commune_a.code, "contact_phone": "0912 345 678"},
            follow=True,
        )
        report = Report.objects.get()
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, report.tracking_code)
        self.assertEqual(report.unit, self.commune_a)
        self.assertEqual(report.contact_phone, "0912345678")
        self.assertEqual(report.status, ReportStatus.RECEIVED)
        self.assertNotContains(response, "0912345678")
        page = self.client.get(f"/phan-anh/{report.tracking_code.lower()}/")
        self.assertContains(page, self.commune_a.name)
        self.assertNotContains(page, TEXT)  # not accepted yet: the reporter's own words stay private

    def test_api_returns_201_with_the_tracking_code(self) -> None:
        response = self.client.post(
            "/api/v1/public/reports",
            {"category": "price_gouging", "text": "Khẩu trang bán giá gấp năm lần ở chợ.", "unit": self.village_a.code},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 201, response.content)
        code = response.json()["tracking_code"]
        report = Report.objects.get(tracking_code=code)
        self.assertEqual((report.place_unit, report.unit), (self.village_a, self.commune_a))
        self.assertEqual((report.due_at - report.received_at).days, 3)  # price gouging: 3 days, as data
        followed = self.client.get(f"/api/v1/public/reports/{code}").json()
        self.assertEqual(followed["status"], "received")
        self.assertEqual(followed["text"], "")
        self.assertNotIn("contact_phone", followed)

    def test_routed_to_the_district_when_the_commune_has_no_officer(self) -> None:
        report = self.submit(unit=self.commune_without_officer.code)
        self.assertEqual(report.place_unit, self.commune_without_officer)
        self.assertEqual(report.unit, self.district)

    def test_a_point_goes_to_the_nearest_commune(self) -> None:
        report = self.submit(unit="", lat=str(self.commune_a.latitude), lon=str(self.commune_a.longitude))
        self.assertEqual(report.place_unit, self.commune_a)
        self.assertEqual(report.latitude, self.commune_a.latitude)

    def test_a_commune_of_the_2025_scheme_is_taken_as_the_commune_it_was_made_from(self) -> None:
        successor = self.commune_a.successions.get(is_main=True).successor
        report = self.submit(unit=successor.code, scheme="2025")
        self.assertTrue(report.place_unit.is_within(self.province))

    def test_officers_of_the_commune_are_told_by_email(self) -> None:
        self.officer_a.email = "xa-a@example.vn"
        self.officer_a.save()
        with self.captureOnCommitCallbacks(execute=True):
            report = self.submit()
        self.assertEqual(mail.outbox[0].to, ["xa-a@example.vn"])
        self.assertIn(report.tracking_code, mail.outbox[0].body)
        self.assertNotIn(TEXT, mail.outbox[0].body)

    def test_categories_are_data_with_their_deadlines(self) -> None:
        response = self.client.get("/api/v1/public/report-categories")
        codes = [c["code"] for c in response.json()]
        self.assertEqual(
            codes,
            [
                "gathering",
                "place_not_complying",
                "wrong_state",
                "price_gouging",
                "misinformation",
                "suggestion",
                "other",
            ],
        )
        self.assertEqual(response.json()[0]["name"], "Tụ tập đông người, không giữ khoảng cách")
