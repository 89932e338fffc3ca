from audit.models import AuditEntry
from portal.models import Report, ReportStatus

from .base import ReportTestCase


class TriageTests(ReportTestCase):
    def act(self, user, report: Report, action: str, **values: object):  # type: ignore[no-untyped-def]
        return self.api_post(user, f"/api/v1/reports/{report.pk}/{action}", values)

    def test_the_queue_holds_the_jurisdiction_only(self) -> None:
        mine, theirs = (
            self.submit(),
            self.submit(unit=self.commune_b.code, text="Chợ xã bên đông người, không giữ khoảng cách."),
        )
        listed = self.api_get(self.officer_a, "/api/v1/reports").json()["items"]
        self.assertEqual([r["tracking_code"] for r in listed], [mine.tracking_code])
        self.assertEqual(self.client_for(self.officer_b).get(f"/phan-anh/xu-ly/{mine.pk}/").status_code, 404)
        self.assertEqual(self.act(self.officer_b, mine, "accept", public_text="Tụ tập đông người").status_code, 404)
        district = self.api_get(self.district_officer, "/api/v1/reports").json()
        self.assertEqual(district["count"], 2)
        other = self.api_get(self.other_district_officer, "/api/v1/reports").json()
        self.assertEqual(other["count"], 0)
        page = self.client_for(self.officer_a).get("/phan-anh/xu-ly/")
        self.assertContains(page, mine.tracking_code)
        self.assertNotContains(page, theirs.tracking_code)
        self.assertEqual(self.client.get("/api/v1/reports").status_code, 401)

    def test_accept_with_a_moderated_text_and_audit(self) -> None:
        report = self.submit()
        refused = self.act(self.officer_a, report, "accept", public_text="Chủ quán, số 0912345678, vi phạm")
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(Report.objects.get().status, ReportStatus.RECEIVED)
        response = self.act(
            self.officer_a, report, "accept", public_text="Quán karaoke gần chợ mở cửa khuya, đông người."
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "accepted")
        entry = AuditEntry.objects.filter(object_id=str(report.pk), content_type__model="report").latest("pk")
        assert entry.before is not None and entry.after is not None
        self.assertEqual(
            (entry.actor, entry.before["status"], entry.after["status"]), (self.officer_a, "received", "accepted")
        )
        self.assertEqual(self.act(self.officer_a, report, "accept", public_text="Lần nữa").status_code, 409)

    def test_an_inspector_sees_but_does_not_triage(self) -> None:
        report = self.submit()
        self.assertEqual(self.client_for(self.inspector).get(f"/phan-anh/xu-ly/{report.pk}/").status_code, 200)
        self.assertEqual(self.act(self.inspector, report, "reject", reason="Không rõ").status_code, 403)

    def test_reject_with_a_reason_the_reporter_reads(self) -> None:
        report = self.submit()
        self.assertEqual(self.act(self.officer_a, report, "reject", reason="").status_code, 422)
        self.act(self.officer_a, report, "reject", reason="Không thuộc phạm vi phòng, chống dịch.")
        page = self.client.get(f"/phan-anh/{report.tracking_code}/")
        self.assertContains(page, "Không thuộc phạm vi phòng, chống dịch.")

    def test_duplicate_of_an_earlier_report(self) -> None:
        first = self.submit()
        second = self.submit(text="Lại thấy quán karaoke gần chợ mở đến khuya, đông người.")
        self.assertEqual(
            self.act(self.officer_a, second, "duplicate", duplicate_of=second.tracking_code).status_code, 422
        )
        response = self.act(self.officer_a, second, "duplicate", duplicate_of=first.tracking_code.lower())
        self.assertEqual(response.json()["duplicate_of"], first.tracking_code)

    def test_transfer_to_a_sibling_commune_moves_it_to_their_queue(self) -> None:
        report = self.submit()
        response = self.act(self.officer_a, report, "transfer", unit=self.commune_b.code, note="Đúng địa bàn xã bên")
        self.assertEqual(response.status_code, 404)  # no longer visible to commune A once moved
        report.refresh_from_db()
        self.assertEqual((report.unit, report.status), (self.commune_b, ReportStatus.RECEIVED))
        listed = self.api_get(self.officer_b, "/api/v1/reports").json()["items"]
        self.assertEqual([r["tracking_code"] for r in listed], [report.tracking_code])

    def test_transfer_to_an_agency_closes_it_here(self) -> None:
        report = self.submit()
        response = self.act(self.officer_a, report, "transfer", organisation=self.press_agency.code)
        self.assertEqual(response.json()["status"], "transferred")
        self.assertEqual(self.act(self.officer_a, report, "transfer", unit=self.commune_b.code).status_code, 409)

    def test_the_web_page_runs_the_same_actions(self) -> None:
        report = self.submit()
        client = self.client_for(self.officer_a)
        response = client.post(f"/phan-anh/xu-ly/{report.pk}/accept/", {"public_text": "<b>x</b> quán mở khuya"})
        self.assertContains(response, "HTML", status_code=422)
        response = client.post(f"/phan-anh/xu-ly/{report.pk}/accept/", {"public_text": "Quán mở khuya, đông người."})
        self.assertRedirects(response, f"/phan-anh/xu-ly/{report.pk}/", fetch_redirect_response=False)
        self.assertEqual(Report.objects.get().status, ReportStatus.ACCEPTED)
        self.assertEqual(
            self.client_for(self.officer_b).post(f"/phan-anh/xu-ly/{report.pk}/reject/", {"reason": "x"}).status_code,
            404,
        )
