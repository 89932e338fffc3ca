from portal import actions

from .base import TEXT, ReportTestCase


class PublicListTests(ReportTestCase):
    def test_only_accepted_reports_in_their_moderated_words(self) -> None:
        hidden = self.submit(contact_name="Trần Văn Bình", contact_phone="0987654321")
        shown = self.submit(text="Cửa hàng bán khẩu trang giá cao bất thường.", category="price_gouging")
        actions.accept_report(shown, self.officer_a, "Cửa hàng gần chợ bán khẩu trang giá cao.")
        actions.answer_report(shown, self.officer_a, "Đội quản lý thị trường đã kiểm tra.")
        page = self.client.get("/phan-anh/")
        self.assertContains(page, "Cửa hàng gần chợ bán khẩu trang giá cao.")
        self.assertContains(page, "Đội quản lý thị trường đã kiểm tra.")
        self.assertNotContains(page, hidden.tracking_code)
        self.assertNotContains(page, TEXT)
        self.assertNotContains(page, "Cửa hàng bán khẩu trang giá cao bất thường.")
        api = self.client.get("/api/v1/public/reports").json()
        self.assertEqual([r["tracking_code"] for r in api["items"]], [shown.tracking_code])
        self.assertNotIn("0987654321", str(api))
        self.assertNotIn("Bình", str(api))

    def test_filters_and_lookup_by_code(self) -> None:
        report = self.submit()
        actions.accept_report(report, self.officer_a, "Tụ tập đông người gần chợ.")
        self.assertEqual(self.client.get("/api/v1/public/reports?category=suggestion").json()["count"], 0)
        self.assertEqual(self.client.get(f"/api/v1/public/reports?unit={self.commune_a.code}").json()["count"], 1)
        self.assertEqual(self.client.get(f"/api/v1/public/reports?unit={self.commune_b.code}").json()["count"], 0)
        self.assertEqual(self.client.get("/phan-anh/?status=closed").content.count(b"data-report="), 0)
        found = self.client.get(f"/phan-anh/?code={report.tracking_code.lower()}")
        self.assertRedirects(found, f"/phan-anh/{report.tracking_code}/")
        self.assertContains(self.client.get("/phan-anh/?code=ZZZZZZZZZZ"), "Không có phản ánh nào có mã này")
        self.assertEqual(self.client.get("/api/v1/public/reports/ZZZZZZZZZZ").status_code, 404)

    def test_a_map_of_published_reports_by_unit(self) -> None:
        self.submit(unit=self.commune_b.code)  # received, not accepted: not on the map
        for n in range(2):
            shown = self.submit(text=f"Tụ tập đông người ở chợ lần {n}, không giữ khoảng cách.")
            actions.accept_report(shown, self.officer_a, f"Tụ tập đông người lần {n}.")
        page = self.client.get("/phan-anh/")
        self.assertContains(page, f"<title>{self.commune_a.name}: 2</title>", html=False)
        self.assertNotContains(page, f"<title>{self.commune_b.name}:")
