from portal.models import Report

from .base import TEXT, ReportTestCase


class BadInputTests(ReportTestCase):
    def post(self, **values: object) -> dict:
        response = self.client.post("/api/v1/public/reports", values, content_type="application/json")
        self.assertEqual(response.status_code, 422, response.content)
        self.assertFalse(Report.objects.exists())
        return {e["field"]: e["message"] for e in response.json()["errors"]}

    def test_no_text_and_no_category(self) -> None:
        errors = self.post(unit=self.commune_a.code)
        self.assertEqual(errors["category"], "Hãy chọn nội dung phản ánh.")
        self.assertEqual(errors["text"], "Hãy viết điều bạn muốn phản ánh.")

    def test_unknown_category_and_no_location(self) -> None:
        errors = self.post(category="alien", text=TEXT)
        self.assertIn("alien", errors["category"])
        self.assertIn("xã", errors["location"])

    def test_html_in_the_text(self) -> None:
        errors = self.post(
            category="other", text='<script>alert("x")</script> tụ tập đông người', unit=self.commune_a.code
        )
        self.assertIn("HTML", errors["text"])

    def test_phone_or_email_in_the_text(self) -> None:
        for text in ("Gọi cho chủ quán 0912.345.678 để kiểm tra", "Liên hệ chuquan@example.com để biết thêm"):
            errors = self.post(category="other", text=text, unit=self.commune_a.code)
            self.assertIn("số điện thoại", errors["text"])

    def test_location_outside_the_province(self) -> None:
        errors = self.post(category="other", text=TEXT, lat=21.0285, lon=105.8542)  # Hà Nội
        self.assertIn("ngoài", errors["location"])
        self.assertIn("Đắk Nông", errors["location"])
        errors = self.post(category="other", text=TEXT, lat="abc", lon="1")
        self.assertIn("số", errors["location"])

    def test_a_district_is_not_a_location(self) -> None:
        errors = self.post(category="other", text=TEXT, unit=self.district.code)
        self.assertIn("xã", errors["location"])

    def test_bad_phone_and_unknown_place(self) -> None:
        errors = self.post(category="other", text=TEXT, place="NOPE1234", contact_phone="12ab")
        self.assertIn("NOPE1234", errors["location"])
        self.assertIn("0912345678", errors["contact_phone"])

    def test_the_form_shows_every_problem_in_vietnamese_and_keeps_nothing(self) -> None:
        response = self.client.post("/phan-anh/gui/", {"text": "<b>xin chào</b> các anh chị"})
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, "Hãy chọn nội dung phản ánh.", status_code=422)
        self.assertContains(response, "HTML", status_code=422)
        self.assertContains(response, "Hãy cho biết ở đâu", status_code=422)
        self.assertFalse(Report.objects.exists())
