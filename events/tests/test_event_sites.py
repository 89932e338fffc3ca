from django.core.exceptions import PermissionDenied, ValidationError

from events import actions
from events.models import Site
from testing import make_place

from .base import ELECTION_DAY, EventTestCase


class EventSiteTests(EventTestCase):
    def test_a_commune_adds_a_polling_area_at_a_polling_station_of_its_own(self) -> None:
        place = make_place(self.commune_a, name="Trường tiểu học Kim Đồng", type_code="polling_station")
        site = actions.add_site(self.event, self.officer_a, place=place, name="Khu vực bỏ phiếu số 4")
        self.assertEqual((site.unit, site.path), (self.commune_a, self.commune_a.path))

    def test_a_place_outside_the_jurisdiction_is_refused_and_nothing_is_added(self) -> None:
        place = make_place(self.commune_a, name="Hội trường thôn 1", type_code="polling_station")
        with self.assertRaises(PermissionDenied) as caught:
            actions.add_site(self.event, self.officer_b, place=place)
        self.assertIn("ngoài phạm vi quản lý", str(caught.exception))
        self.assertFalse(Site.objects.filter(place=place).exists())

    def test_a_place_of_another_type_or_already_a_site_is_refused(self) -> None:
        market = make_place(self.commune_a, name="Chợ Đức Mạnh", type_code="market")
        with self.assertRaises(ValidationError) as caught:
            actions.add_site(self.event, self.officer_a, place=market)
        self.assertIn("Điểm bầu cử", str(caught.exception))
        with self.assertRaises(ValidationError):
            actions.add_site(self.event, self.officer_a, place=self.site_a.place)

    def test_an_exam_is_held_at_schools_and_its_dates_are_checked(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.create_event(
                actions.EventData(
                    "Kỳ thi tốt nghiệp THPT 2021", "exam", self.district, ELECTION_DAY, ELECTION_DAY.replace(day=1)
                ),
                self.district_officer,
            )
        self.assertIn("ends_on", caught.exception.message_dict)
        with self.assertRaises(PermissionDenied):
            actions.create_event(
                actions.EventData("Kỳ thi", "exam", self.district, ELECTION_DAY, ELECTION_DAY),
                self.other_district_officer,
            )

    def test_the_event_page_lists_only_the_sites_of_the_jurisdiction(self) -> None:
        page = self.client_for(self.officer_a).get(f"/events/{self.event.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-site="{self.site_a.pk}"')
        self.assertNotContains(page, f'data-site="{self.site_b.pk}"')
        self.assertEqual(
            self.client_for(self.officer_a).get(f"/events/{self.event.pk}/sites/{self.site_b.pk}/").status_code, 403
        )
        district = self.client_for(self.district_officer).get(f"/events/{self.event.pk}/").content.decode()
        self.assertIn(f'data-site="{self.site_b.pk}"', district)
        self.assertNotIn(f'data-site="{self.site_other.pk}"', district)
