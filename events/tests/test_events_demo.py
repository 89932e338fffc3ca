"""The demo: the 23 May 2021 election with Đắk Mil's polling areas in every state — loaded once."""

from events.demo import load_demo
from events.models import DayStatus, Event, Incident, PlanStatus, Site
from testing import make_place

from .base import EventTestCase


class EventsDemoTests(EventTestCase):
    def test_polling_areas_in_every_state_one_mobile_box_and_one_incident(self) -> None:
        for commune in (self.commune_a, self.commune_b):
            for n in range(1, 6):
                make_place(commune, name=f"Điểm bỏ phiếu số {n} {commune.short_name}", type_code="polling_station")
        summary = load_demo(self.province)
        self.assertIn("12 polling areas", summary)
        event = Event.objects.get(starts_on="2021-05-23", unit=self.province, name__startswith="Bầu cử đại biểu")
        sites = Site.objects.filter(event=event)
        self.assertEqual(set(sites.values_list("status", flat=True)), set(DayStatus.values))
        self.assertEqual(set(sites.values_list("plan_status", flat=True)), set(PlanStatus.values))
        self.assertEqual(sites.filter(mobile_served__gt=0).count(), 1)
        self.assertEqual(Incident.objects.filter(site__event=event).count(), 1)
        self.assertIn("already loaded", load_demo(self.province))
        self.assertEqual(Site.objects.filter(event=event).count(), 12)  # the two of the test base too
