from unittest import mock

from django.test import override_settings

from portal.models import Report

from .base import TEXT, ReportTestCase


# Counters are kept per minute: the tests stay inside one minute whatever the clock says.
@mock.patch("portal.abuse.time.time", return_value=1_700_000_010.0)
class AbuseTests(ReportTestCase):
    @override_settings(REPORTS_PER_MINUTE_PER_ADDRESS=10)
    def test_twenty_reports_a_minute_from_one_address_get_429(self, _clock: mock.Mock) -> None:
        statuses = []
        for n in range(20):
            response = self.client.post(
                "/api/v1/public/reports",
                {"category": "other", "text": f"{TEXT} Lần thứ {n}.", "unit": self.commune_a.code},
                content_type="application/json",
                REMOTE_ADDR="203.0.113.7",
            )
            statuses.append(response.status_code)
        self.assertEqual(statuses.count(201), 10)
        self.assertEqual(statuses[10:], [429] * 10)
        self.assertIn("Quá nhiều phản ánh", response.json()["detail"])
        self.assertEqual(Report.objects.count(), 10)
        other = self.client.post(
            "/api/v1/public/reports",
            {"category": "other", "text": f"{TEXT} Từ nơi khác.", "unit": self.commune_a.code},
            content_type="application/json",
            REMOTE_ADDR="203.0.113.8",
        )
        self.assertEqual(other.status_code, 201)

    @override_settings(REPORTS_PER_MINUTE_PER_DEVICE=2)
    def test_one_device_is_limited_across_addresses(self, _clock: mock.Mock) -> None:
        self.client.get("/phan-anh/gui/")  # the browser gets its device cookie
        statuses = [
            self.client.post(
                "/phan-anh/gui/",
                {"category": "other", "text": f"{TEXT} Lần {n}.", "unit": self.commune_a.code},
                REMOTE_ADDR=f"198.51.100.{n}",
            ).status_code
            for n in range(3)
        ]
        self.assertEqual(statuses, [302, 302, 429])

    def test_the_honeypot_field_keeps_robots_out(self, _clock: mock.Mock) -> None:
        response = self.client.post(
            "/phan-anh/gui/", {"category": "other", "text": TEXT, "unit": self.commune_a.code, "website": "http://spam"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Report.objects.exists())

    def test_the_same_text_twice_is_refused(self, _clock: mock.Mock) -> None:
        self.submit()
        response = self.client.post(
            "/api/v1/public/reports",
            {"category": "gathering", "text": TEXT.upper().replace("Ă", "A"), "unit": self.commune_b.code},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("đã được tiếp nhận", response.json()["errors"][0]["message"])
        self.assertEqual(Report.objects.count(), 1)
