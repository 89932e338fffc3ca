from events.models import DayStatus, Event, Site

from .base import EventTestCase


class EventsApiTests(EventTestCase):
    def test_events_of_the_jurisdiction_and_creating_one(self) -> None:
        listed = self.client.get("/api/v1/events", headers=self.api_headers(self.officer_a)).json()
        self.assertEqual([e["name"] for e in listed], ["Bầu cử 23/5/2021"])
        body = {
            "name": "Kỳ thi tốt nghiệp THPT 2021",
            "kind": "exam",
            "unit": self.district.code,
            "starts_on": "2021-07-07",
            "ends_on": "2021-07-08",
        }
        created = self.client.post(
            "/api/v1/events", body, content_type="application/json", headers=self.api_headers(self.district_officer)
        )
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(
            self.client.get("/api/v1/events", headers=self.api_headers(self.other_district_officer)).json()[0]["name"],
            "Bầu cử 23/5/2021",
        )
        refused = self.client.post(
            "/api/v1/events",
            {**body, "ends_on": "2021-07-01"},
            content_type="application/json",
            headers=self.api_headers(self.district_officer),
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(Event.objects.count(), 2)

    def test_sites_are_scoped_to_the_jurisdiction(self) -> None:
        data = self.client.get(f"/api/v1/events/{self.event.pk}/sites", headers=self.api_headers(self.officer_b)).json()
        self.assertEqual([s["id"] for s in data["sites"]], [self.site_b.pk])
        data = self.client.get(
            f"/api/v1/events/{self.event.pk}/sites", headers=self.api_headers(self.district_officer)
        ).json()
        self.assertEqual(data["count"], 2)

    def test_status_through_the_api_and_its_refusals(self) -> None:
        url = f"/api/v1/events/{self.event.pk}/sites/{self.site_a.pk}/status"
        ok = self.client.post(
            url,
            {"status": "opened", "present": 45},
            content_type="application/json",
            headers=self.api_headers(self.officer_a),
        )
        self.assertEqual(ok.status_code, 200, ok.content)
        self.assertEqual(ok.json()["status"], "opened")
        wrong = self.client.post(
            url, {"status": "normal"}, content_type="application/json", headers=self.api_headers(self.officer_b)
        )
        self.assertEqual(wrong.status_code, 403)
        bad = self.client.post(
            url,
            {"status": "normal", "present": "nhiều"},
            content_type="application/json",
            headers=self.api_headers(self.officer_a),
        )
        self.assertEqual(bad.status_code, 422)
        self.assertEqual(Site.objects.get(pk=self.site_a.pk).status, DayStatus.OPENED)
