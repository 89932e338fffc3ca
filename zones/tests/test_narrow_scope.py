"""Zones kept as narrow as possible: a commune-wide zone where most villages had no case needs a
justification, and the province's dashboard lists such zones."""

from datetime import timedelta

from django.core.exceptions import ValidationError

from territory.models import AdminUnit
from testing import add_village
from zones.actions.zones import declare_zone
from zones.models import DistancingZone
from zones.scope import scope_of

from .base import ZonesTestCase, put_cases, today, zone_input


class NarrowScopeTests(ZonesTestCase):
    villages: list[AdminUnit]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # commune_a: Thôn 1 (village_a) and four more villages; cases in Thôn 1 and Thôn 2 lately.
        cls.villages = [cls.village_a] + [add_village(cls.commune_a, n) for n in range(2, 6)]
        put_cases(cls.villages[0], 2)
        put_cases(cls.villages[1], 1, day=today() - timedelta(days=13))
        put_cases(cls.villages[2], 1, day=today() - timedelta(days=14))  # too old to count
        put_cases(cls.villages[3], 0)  # a day recorded with no case

    def test_counts_the_villages_with_cases_in_the_last_14_days(self) -> None:
        scope = scope_of([self.commune_a, self.village_b])
        first = scope.rows[0]
        self.assertEqual((first.villages_total, first.villages_with_cases, first.is_wide), (5, 2, True))
        self.assertFalse(scope.rows[1].is_wide)  # a village is as narrow as it gets
        self.assertTrue(scope.is_wide)

    def test_a_wide_zone_needs_a_justification(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            declare_zone(zone_input([self.commune_a]), by=self.officer_a)
        self.assertIn("scope_justification", refused.exception.message_dict)
        self.assertFalse(DistancingZone.objects.exists())
        zone = declare_zone(
            zone_input([self.commune_a], scope_justification="Dân cư xen kẽ, không tách được"), by=self.officer_a
        )
        self.assertEqual((zone.villages_total, zone.villages_with_cases, zone.is_wide), (5, 2, True))

    def test_villages_with_cases_need_no_justification(self) -> None:
        zone = declare_zone(zone_input(self.villages[:2]), by=self.officer_a)
        self.assertFalse(zone.is_wide)

    def test_a_commune_where_most_villages_had_cases_needs_none(self) -> None:
        put_cases(self.villages[4], 1)
        put_cases(self.villages[2], 1)
        zone = declare_zone(zone_input([self.commune_a]), by=self.officer_a)
        self.assertFalse(zone.is_wide)

    def test_the_form_shows_the_counts_while_choosing(self) -> None:
        response = self.client_for(self.officer_a).post("/zones/new/scope/", {"units": [self.commune_a.pk]})
        self.assertContains(response, 'data-wide="true"')
        self.assertContains(response, f'data-unit="{self.commune_a.code}" data-total="5" data-with-cases="2"')
        response = self.api_get(self.officer_a, "/api/v1/zones/scope", {"units": self.commune_a.code})
        self.assertEqual(response.json()["rows"][0]["villages_with_cases"], 2)
        response = self.api_get(self.officer_b, "/api/v1/zones/scope", {"units": self.commune_a.code})
        self.assertEqual(response.status_code, 403)

    def test_the_dashboard_lists_wide_zones(self) -> None:
        wide = declare_zone(zone_input([self.commune_a], scope_justification="Chợ chung cả xã"), by=self.officer_a)
        narrow = declare_zone(zone_input([self.village_b]), by=self.officer_b)
        response = self.client_for(self.province_officer).get("/zones/dashboard/")
        self.assertEqual(list(response.context["wide_zones"]), [wide])
        self.assertContains(response, "Chợ chung cả xã")
        self.assertEqual(set(response.context["zones"]), {wide, narrow})
        # A sibling commune's officer sees neither the zone nor its justification.
        response = self.client_for(self.officer_b).get("/zones/dashboard/")
        self.assertEqual(list(response.context["wide_zones"]), [])
