"""A bad period gets a clear message and issues nothing: the end before the start, a day not yet
over, more than seven days, a period already reported, a date that is not one."""

from datetime import timedelta

from django.http.response import HttpResponseBase
from django.utils import timezone

from reports.actions import issue_weekly_report
from reports.models import IssuedReport
from reports.weekly import last_week

from .base import NOW, WEEK, WeeklyTestCase


class WeeklyPeriodTests(WeeklyTestCase):
    def post(self, start: str, end: str) -> HttpResponseBase:
        return self.client_for(self.officer_a).post(
            f"/tinh-hinh/bao-cao-tuan/?unit={self.commune_a.code}", {"start": start, "end": end}
        )

    def test_the_page_says_what_is_wrong_and_issues_nothing(self) -> None:
        tomorrow = timezone.localdate() + timedelta(days=1)
        cases = {
            ("2021-06-06", "2021-05-31"): "Ngày kết thúc của kỳ trước ngày bắt đầu.",
            (str(tomorrow - timedelta(days=2)), str(tomorrow)): "Báo cáo chỉ tính những ngày đã qua",
            ("2021-05-01", "2021-05-31"): "Báo cáo tuần tính tối đa 7 ngày.",
            ("2021-05-31", "31/06/2021"): "Nhập một ngày hợp lệ.",
        }
        for (start, end), message in cases.items():
            response = self.post(start, end)
            self.assertContains(response, message, status_code=422, msg_prefix=f"{start}..{end}")
        self.assertFalse(IssuedReport.objects.exists())

    def test_a_period_already_reported_is_refused_with_its_number(self) -> None:
        issue_weekly_report(self.officer_a, self.commune_a, *WEEK, now=NOW)
        response = self.post("2021-05-31", "2021-06-06")
        self.assertContains(response, "Báo cáo này đã được ban hành: số 1/BC-BCĐ.", status_code=422)
        self.assertEqual(IssuedReport.objects.count(), 1)

    def test_the_api_answers_422_with_the_message(self) -> None:
        response = self.api_post(
            self.officer_a,
            "/api/v1/weekly-reports",
            {"unit": self.commune_a.code, "start": "2021-06-06", "end": "2021-05-31"},
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("Ngày kết thúc của kỳ trước ngày bắt đầu.", response.content.decode())
        self.assertFalse(IssuedReport.objects.exists())

    def test_the_default_period_is_last_monday_to_sunday(self) -> None:
        week = last_week(timezone.localdate())
        self.assertEqual((week.start.weekday(), week.end.weekday(), week.days), (0, 6, 7))
        self.assertLess(week.end, timezone.localdate())
        page = self.client_for(self.officer_a).get(f"/tinh-hinh/bao-cao-tuan/?unit={self.commune_a.code}")
        self.assertContains(page, f'value="{week.start.isoformat()}"')
        self.assertContains(page, "BÁO CÁO")
        self.assertContains(page, f"tuần từ {week.start:%d/%m/%Y} đến {week.end:%d/%m/%Y}")
