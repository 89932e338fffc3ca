from datetime import date

from inspections.models import Inspection, TargetKind
from portal.models import EventKind, ReportStatus

from .base import TEXT, ReportTestCase


class HandleAndAnswerTests(ReportTestCase):
    def act(self, report, action: str, user=None, **values: object):  # type: ignore[no-untyped-def]
        return self.api_post(user or self.officer_a, f"/api/v1/reports/{report.pk}/{action}", values)

    def test_assign_record_an_inspection_answer_close(self) -> None:
        report = self.submit(contact_name="Nguyễn Thị Hoa", contact_phone="0905123456")
        self.act(report, "accept", public_text="Quán karaoke gần chợ mở cửa khuya, đông người.")
        self.assertEqual(
            self.act(report, "assign", assignee=self.officer_b.username).status_code, 422
        )  # a sibling's officer
        self.assertEqual(
            self.act(report, "assign", assignee=self.inspector.username).json()["assigned_to"], "inspector"
        )
        theirs, ours = (
            Inspection.objects.create(
                unit=district,
                target_kind=TargetKind.UNIT,
                target_unit=commune,
                period_start=date(2021, 8, 1),
                period_end=date(2021, 8, 7),
            )
            for district, commune in ((self.other_district, self.other_commune), (self.district, self.commune_a))
        )
        response = self.act(report, "record", note="Đã kiểm tra, lập biên bản.", inspection=theirs.pk)
        self.assertEqual(response.status_code, 422)  # another district's inspection is not visible
        self.act(report, "record", note="Đã kiểm tra, nhắc nhở chủ quán.", inspection=ours.pk)
        self.assertEqual(report.events.get(kind=EventKind.ACTION).inspection, ours)
        self.assertEqual(self.act(report, "close").status_code, 409)  # answer first
        answered = self.act(report, "answer", answer="UBND xã đã kiểm tra và yêu cầu quán đóng cửa đúng giờ.")
        self.assertEqual(answered.json()["status"], "answered")
        self.assertEqual(self.act(report, "close", note="Xong").json()["status"], "closed")
        steps = list(report.events.values_list("kind", flat=True))
        self.assertEqual(
            steps,
            [
                EventKind.RECEIVED,
                EventKind.ACCEPTED,
                EventKind.ASSIGNED,
                EventKind.ACTION,
                EventKind.ANSWERED,
                EventKind.CLOSED,
            ],
        )
        public = self.client.get(f"/api/v1/public/reports/{report.tracking_code}").json()
        self.assertEqual(public["answer"], "UBND xã đã kiểm tra và yêu cầu quán đóng cửa đúng giờ.")
        self.assertEqual([s["step"] for s in public["steps"]], ["received", "accepted", "answered", "closed"])
        self.assertNotIn("Hoa", str(public))

    def test_the_answer_is_published_without_identifiers(self) -> None:
        report = self.submit()
        self.act(report, "accept", public_text="Quán mở khuya.")
        response = self.act(report, "answer", answer="Liên hệ anh Nam 0912 345 678")
        self.assertEqual(response.status_code, 422)
        report.refresh_from_db()
        self.assertEqual((report.status, report.answer), (ReportStatus.ACCEPTED, ""))
        self.assertEqual(report.text, TEXT)
