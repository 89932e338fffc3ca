from portal import actions

from .base import ReportTestCase


class PublicCacheTests(ReportTestCase):
    def test_the_public_pages_change_as_soon_as_an_officer_acts(self) -> None:
        report = self.submit()
        first = self.client.get(f"/phan-anh/{report.tracking_code}/")
        self.assertEqual(self.client.get("/phan-anh/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code, 200)
        listed = self.client.get("/phan-anh/")
        again = self.client.get("/phan-anh/", HTTP_IF_NONE_MATCH=listed["ETag"])
        self.assertEqual(again.status_code, 304)
        api = self.client.get(f"/api/v1/public/reports/{report.tracking_code}")
        self.assertEqual(api.json()["status"], "received")
        actions.accept_report(report, self.officer_a, "Tụ tập đông người gần chợ.")
        self.assertEqual(self.client.get("/phan-anh/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code, 200)
        self.assertContains(self.client.get("/phan-anh/"), "Tụ tập đông người gần chợ.")
        self.assertContains(self.client.get(f"/phan-anh/{report.tracking_code}/"), "Tụ tập đông người gần chợ.")
        self.assertEqual(self.client.get(f"/api/v1/public/reports/{report.tracking_code}").json()["status"], "accepted")
