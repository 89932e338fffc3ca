"""Zones over the same area at the same time must nest, the inner one stricter; contradictory
ones are refused with 409 and nothing changes."""

from datetime import timedelta

from django.utils import timezone

from zones.actions import Conflict
from zones.actions.zones import lift_zone
from zones.models import DistancingZone

from .base import ZonesTestCase, make_zone, zone_body


class OverlappingZonesTests(ZonesTestCase):
    def test_the_same_unit_cannot_be_in_two_zones_at_once(self) -> None:
        make_zone(self.officer_a, [self.village_a], "ct-15")
        for measure in ("ct-15", "ct-16"):
            with self.subTest(measure=measure), self.assertRaises(Conflict):
                make_zone(self.officer_a, [self.village_a], measure)
        self.assertEqual(DistancingZone.objects.count(), 1)

    def test_a_zone_inside_another_must_be_stricter(self) -> None:
        make_zone(self.officer_a, [self.commune_a], "ct-15")
        with self.assertRaises(Conflict):
            make_zone(self.officer_a, [self.village_a], "ct-19")  # milder inside: contradictory
        with self.assertRaises(Conflict):
            make_zone(self.officer_a, [self.village_a], "level:nguy-co-cao")  # 20 < 30
        inner = make_zone(self.officer_a, [self.village_a], "ct-16")  # a stricter core: allowed
        self.assertEqual(inner.area, self.village_a)

    def test_a_wider_zone_over_a_stricter_one_is_fine_but_not_over_a_milder_one(self) -> None:
        make_zone(self.officer_a, [self.village_a], "ct-15")
        with self.assertRaises(Conflict):
            make_zone(self.district_officer, [self.district], "ct-16")  # would swallow the village's zone
        make_zone(self.district_officer, [self.district], "ct-19")
        self.assertEqual(DistancingZone.objects.count(), 2)

    def test_zones_that_do_not_overlap_in_time_or_place_are_independent(self) -> None:
        now = timezone.now()
        make_zone(self.officer_a, [self.village_a], "ct-16", planned_end=now + timedelta(days=3))
        make_zone(
            self.officer_a,
            [self.village_a],
            "ct-15",
            starts_at=now + timedelta(days=3),
            planned_end=now + timedelta(days=10),
        )
        make_zone(self.officer_b, [self.village_b], "ct-19")
        self.assertEqual(DistancingZone.objects.count(), 3)

    def test_a_lifted_zone_no_longer_conflicts(self) -> None:
        first = make_zone(self.officer_a, [self.village_a], "ct-16")
        lift_zone(first, by=self.officer_a)
        make_zone(self.officer_a, [self.village_a], "ct-15", starts_at=timezone.now())

    def test_the_api_answers_409_with_the_reason(self) -> None:
        zone = make_zone(self.officer_a, [self.commune_a], "ct-16")
        body = zone_body([self.village_a.code], "ct-15")
        response = self.api_post(self.officer_a, "/api/v1/zones", body)
        self.assertEqual(response.status_code, 409)
        self.assertIn(zone.name, response.json()["detail"])
        self.assertEqual(DistancingZone.objects.count(), 1)
