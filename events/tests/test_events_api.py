from events.models import DayStatus, Event, Site

from .base import EventTestCase


class EventsApiTests(EventTestCase):
    def test_events_of_the_jurisdiction_and_creating_one(self) -> None:
        listed = self.api_get(self.officer_a, "/api/v1/events").json()
        self.assertEqual([e["name"] for e in listed], ["Bầu cử 23/5/2021"])
        body = {
            "name": "Kỳ thi tốt nghiệp THPT 2021",
            "kind": "exam",
            "unit": self.district.code,
            "starts_on": "2021-07-07",
            "ends_on": "2021-07-08",
        }
        created = self.api_post(self.district_officer, "/api/v1/events", body)
        self.assertEqual(created.status_code, 201, created.content)
        self.assertEqual(
            self.api_get(self.other_district_officer, "/api/v1/events").json()[0]["name"],
            "Bầu cử 23/5/2021",
        )
        refused = self.api_post(self.district_officer, "/api/v1/events", {**body, "ends_on": "2021-07-01"})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(Event.objects.count(), 2)

    def test_sites_are_scoped_to_the_jurisdiction(self) -> None:
        data = self.api_get(self.officer_b, f"/api/v1/events/{self.event.pk}/sites").json()
        self.assertEqual([s["id"] for s in data["sites"]], [self.site_b.pk])
        data = self.api_get(self.district_officer, f"/api/v1/events/{self.event.pk}/sites").json()
        self.assertEqual(data["count"], 2)

    def test_status_through_the_api_and_its_refusals(self) -> None:
        url = f"/api/v1/events/{self.event.pk}/sites/{self.site_a.pk}/status"
        ok = self.api_post(self.officer_a, url, {"status": "opened", "present": 45})
        self.assertEqual(ok.status_code, 200, ok.content)
        self.assertEqual(ok.json()["status"], "opened")
        wrong = self.api_post(self.officer_b, url, {"status": "normal"})
        self.assertEqual(wrong.status_code, 403)
        bad = self.api_post(self.officer_a, url, {"status": "normal", "present": "nhiều"})
        self.assertEqual(bad.status_code, 422)
        self.assertEqual(Site.objects.get(pk=self.site_a.pk).status, DayStatus.OPENED)
