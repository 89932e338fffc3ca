"""A goods permit's route is picked, not typed: origin, stops and destination are unit pickers
over every commune, district and province of the scheme (a lorry leaves the jurisdiction)."""

from django.urls import reverse

from territory.queries import unit_label
from zones.models import GoodsPermit

from .base import ZonesTestCase, typed_permit


class PermitRoutePickerTests(ZonesTestCase):
    url = reverse("zones:new_permit")

    def form(self, **changes):  # type: ignore[no-untyped-def]
        route = {
            "origin": unit_label(self.commune_a),
            "waypoints": f"{unit_label(self.other_district)}, {self.district.code}",
            "destination": self.other_commune.code,
        }
        return typed_permit() | route | changes

    def test_the_route_is_three_pickers_and_no_list_of_every_code(self) -> None:
        page = self.client_for(self.owner).get(self.url)
        picker = f"{reverse('units:pick')}?scheme=legacy&amp;scope=all&amp;levels=province%2Cdistrict%2Ccommune"
        self.assertContains(page, f'data-picker="{picker}"', count=3)
        self.assertContains(page, "data-picker-multiple", count=1)
        self.assertNotContains(page, "<datalist")

    def test_picked_labels_and_typed_codes_make_the_route_in_order(self) -> None:
        response = self.client_for(self.owner).post(self.url, self.form())
        permit = GoodsPermit.objects.get()
        self.assertRedirects(response, reverse("zones:permit", kwargs={"pk": permit.pk}), fetch_redirect_response=False)
        self.assertEqual((permit.origin, permit.destination), (self.commune_a, self.other_commune))
        stops = [stop.unit for stop in permit.stops.order_by("position")]
        self.assertEqual(stops, [self.other_district, self.district])

    def test_a_code_that_is_no_unit_or_a_village_is_the_fields_error(self) -> None:
        response = self.client_for(self.owner).post(
            self.url, self.form(origin="12AB", waypoints=f"{self.district.code}, 0000", destination=self.village_a.code)
        )
        self.assertEqual(response.status_code, 422)
        for field in ("origin", "waypoints", "destination"):
            self.assertIn(field, response.context["form"].errors)
        self.assertContains(response, "“0000” không có trong các lựa chọn", status_code=422)
        self.assertFalse(GoodsPermit.objects.exists())
