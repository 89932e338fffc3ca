"""An event's site is picked: the place picker offers the polling stations (or schools) of the
event's area in the user's jurisdiction that are not yet a site, found without accents."""

from django.urls import reverse

from events.models import Site
from safety.models import Establishment
from safety.pickers import place_label
from testing import make_place

from .base import EventTestCase


class SitePlacePickerTests(EventTestCase):
    hall: Establishment
    market: Establishment
    sibling_hall: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.hall = make_place(cls.commune_a, name="Hội trường thôn Đức Thành", type_code="polling_station")
        cls.market = make_place(cls.commune_a, name="Chợ Đức Thành", type_code="market")
        cls.sibling_hall = make_place(cls.commune_b, name="Hội trường thôn Đức Lợi", type_code="polling_station")

    def values(self, user, text):  # type: ignore[no-untyped-def]
        url = reverse("events:site_place_pick", args=[self.event.pk])
        response = self.client_for(user).get(url, {"q": text})
        self.assertEqual(response.status_code, 200)
        return [match["value"] for match in response.json()["results"]]

    def test_polling_stations_of_the_area_not_yet_sites_are_found_without_accents(self) -> None:
        self.assertEqual(
            self.values(self.district_officer, "hoi truong duc"), [self.hall.public_code, self.sibling_hall.public_code]
        )
        self.assertEqual(self.values(self.district_officer, "duc thanh"), [self.hall.public_code])
        self.assertEqual(self.values(self.district_officer, "nha van hoa"), [])  # already sites

    def test_a_sibling_commune_finds_only_its_own(self) -> None:
        self.assertEqual(self.values(self.officer_b, "hoi truong"), [self.sibling_hall.public_code])
        self.assertEqual(self.values(self.officer_a, "hoi truong"), [self.hall.public_code])

    def test_the_event_page_offers_the_picker(self) -> None:
        page = self.client_for(self.officer_a).get(reverse("events:detail", args=[self.event.pk]))
        url = reverse("events:site_place_pick", args=[self.event.pk])
        self.assertContains(page, f'data-picker="{url}"')
        self.assertNotContains(page, '<select class="form-select form-select-sm" name="place"')

    def test_the_picked_place_becomes_a_site(self) -> None:
        response = self.client_for(self.officer_a).post(
            reverse("events:add_site", args=[self.event.pk]),
            {"place": place_label(self.hall), "name": "Khu vực bỏ phiếu số 5"},
        )
        site = Site.objects.get(place=self.hall)
        self.assertRedirects(response, reverse("events:site", args=[self.event.pk, site.pk]))
        self.assertEqual((site.name, site.unit), ("Khu vực bỏ phiếu số 5", self.commune_a))

    def test_a_market_or_the_siblings_hall_is_the_fields_error(self) -> None:
        for place in (self.market, self.sibling_hall):
            response = self.client_for(self.officer_a).post(
                reverse("events:add_site", args=[self.event.pk]), {"place": place.public_code, "name": "Khu vực 6"}
            )
            self.assertContains(response, 'data-field-error="place"', status_code=400)
        self.assertFalse(Site.objects.filter(place__in=[self.market, self.sibling_hall]).exists())
