from django.core.exceptions import PermissionDenied, ValidationError

from events import actions, queries
from events.models import DayStatus, Incident, StatusReport

from .base import EventTestCase, at


class DayStatusTests(EventTestCase):
    def test_a_site_reports_its_status_and_counts(self) -> None:
        actions.report_status(self.site_a, self.officer_a, status="opened", present=120, now=at(7))
        self.site_a.refresh_from_db()
        self.assertEqual((self.site_a.status, self.site_a.present), (DayStatus.OPENED, 120))

    def test_a_status_for_another_units_site_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied) as caught:
            actions.report_status(self.site_b, self.officer_a, status="normal", now=at(9))
        self.assertIn("không thuộc phạm vi quản lý", str(caught.exception))
        self.assertFalse(StatusReport.objects.exists())

    def test_an_incident_opens_a_response_record_with_timed_actions(self) -> None:
        with self.assertRaises(ValidationError):
            actions.report_status(self.site_a, self.officer_a, status="incident", now=at(9))
        actions.report_status(
            self.site_a, self.officer_a, status="incident", incident="Một cử tri sốt 38,5 độ", now=at(9, 10)
        )
        incident = Incident.objects.get()
        actions.add_response(incident, self.officer_a, text="Đưa vào phòng cách ly tạm thời", at=at(9, 15))
        actions.add_response(
            incident, self.district_officer, text="Lấy mẫu xét nghiệm nhanh: âm tính", close=True, at=at(9, 45)
        )
        incident.refresh_from_db()
        self.assertEqual(incident.closed_at, at(9, 45))
        self.assertEqual([a.at for a in incident.actions.all()], [at(9, 15), at(9, 45)])

    def test_bad_counts_and_a_report_after_the_event_closed_are_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.report_status(self.site_a, self.officer_a, status="normal", present="-4", now=at(9))
        self.assertIn("present", caught.exception.message_dict)
        actions.close_event(self.event, self.province_officer, now=at(20))
        with self.assertRaises(ValidationError) as caught:
            actions.report_status(self.site_a, self.officer_a, status="closed", now=at(21))
        self.assertIn("đã kết thúc", str(caught.exception))
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.status, DayStatus.NOT_REPORTED)

    def test_the_live_board_shows_late_reporters_first(self) -> None:
        actions.report_status(self.site_a, self.officer_a, status="normal", present=300, now=at(8))
        actions.report_status(self.site_b, self.officer_b, status="normal", present=200, now=at(11))
        board = queries.board(self.district_officer, self.event, self.district, now=at(11, 30))
        self.assertEqual(board.rows[0], self.site_a)  # silent for three and a half hours
        self.assertTrue(board.rows[0].late)  # type: ignore[attr-defined]
        self.assertEqual((board.total, board.present, board.counts["normal"]), (2, 500, 2))
        province = queries.board(self.province_officer, self.event, self.province, now=at(11, 30))
        self.assertEqual(province.rows[0], self.site_other)  # never reported
        with self.assertRaises(PermissionDenied):
            queries.board(self.officer_a, self.event, self.district)
        page = self.client_for(self.district_officer).get(f"/events/{self.event.pk}/board/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-site="{self.site_a.pk}"')
