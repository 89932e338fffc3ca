"""What applies at a unit: the strictest of its own and its ancestors' zones in force."""

from datetime import timedelta

from django.utils import timezone

from territory.models import Scheme
from testing import write_zone
from zones.computing import recompute
from zones.measures import what_applies
from zones.models import DistancingMeasure

from .base import ZonesTestCase, make_zone, put_cases


class EffectiveMeasuresTests(ZonesTestCase):
    def measures(self, unit):  # type: ignore[no-untyped-def]
        response = self.client.get(f"/api/v1/public/units/{unit.scheme}/{unit.code}/measures")
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_the_strictest_zone_over_the_unit_or_its_ancestors_governs(self) -> None:
        district_zone = make_zone(self.district_officer, [self.district], "ct-19")
        commune_zone = make_zone(self.officer_a, [self.commune_a], "ct-15")
        village_zone = make_zone(self.officer_a, [self.village_a], "phong-toa")
        body = self.measures(self.village_a)
        self.assertEqual(body["governing_zone"], village_zone.pk)
        self.assertEqual([z["id"] for z in body["zones"]], [village_zone.pk, commune_zone.pk, district_zone.pk])
        self.assertIn("Lập chốt kiểm soát ra, vào khu vực phong toả", body["measures"])
        self.assertTrue(body["goods_vehicles_allowed"])
        # The commune itself: its own zone, stricter than the district's; the village's is inside.
        body = self.measures(self.commune_a)
        self.assertEqual(body["governing_zone"], commune_zone.pk)
        self.assertEqual([z["id"] for z in body["zones_within"]], [village_zone.pk])
        # A sibling commune: only the district's.
        self.assertEqual(self.measures(self.commune_b)["governing_zone"], district_zone.pk)
        self.assertIsNone(self.measures(self.other_commune)["governing_zone"])

    def test_a_stricter_zone_above_governs_over_the_units_own_milder_one(self) -> None:
        village_zone = make_zone(self.officer_a, [self.village_a], "ct-19")
        # Declaring it would be refused as contradictory; a zone recorded before that rule (written
        # here directly) still shows which one wins.
        ct16 = DistancingMeasure.objects.get(code="ct-16")
        now = timezone.now()
        district_zone = write_zone(
            self.district,
            ct16,
            [self.district],
            starts_at=now - timedelta(hours=2),
            planned_end=now + timedelta(days=5),
            name="Huyện Đắk Mil",
        )
        applies = what_applies(self.village_a)
        self.assertEqual(applies.governing, district_zone)
        self.assertEqual(applies.zones, [district_zone, village_zone])
        self.assertEqual(applies.measures, ct16.items)

    def test_a_unit_without_zones_still_has_its_levels_measures(self) -> None:
        put_cases(self.commune_a, 2)  # a traced cluster: high
        recompute(scheme=Scheme.LEGACY)
        body = self.measures(self.village_a)  # a village takes its commune's level
        self.assertEqual(body["level"]["unit"], self.commune_a.code)
        self.assertEqual(body["level"]["code"], "nguy-co-cao")
        self.assertIn("Không tụ tập từ 30 người trở lên", body["level_measures"])
        self.assertIn("Tạm dừng quán bar, karaoke, cơ sở massage", body["level_measures"])  # from the level below
        self.assertNotIn("Không tập trung từ 3 người trở lên", body["level_measures"])
        self.assertEqual(body["zones"], [])
        self.assertTrue(body["goods_notice"])

    def test_the_public_unit_page_names_the_governing_zone(self) -> None:
        make_zone(self.district_officer, [self.district], "ct-19")
        village_zone = make_zone(self.officer_a, [self.village_a], "ct-16")
        response = self.client.get(f"/levels/legacy/{self.village_a.code}/")
        self.assertContains(response, f'data-zone="{village_zone.pk}"')
        self.assertContains(response, 'data-testid="goods-notice"')

    def test_unknown_units(self) -> None:
        self.assertEqual(self.client.get("/api/v1/public/units/legacy/00000/measures").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/public/units/old/663/measures").status_code, 422)


class FindWhatAppliesTests(ZonesTestCase):
    def test_find_a_unit_by_name_without_accents(self) -> None:
        response = self.client.get("/zones/", {"q": "dak mil"})
        self.assertIn(self.district, list(response.context["found"]))
        self.assertContains(response, f"/levels/legacy/{self.district.code}/")
        response = self.client.get("/zones/", {"q": "khong co ten nay"})
        self.assertContains(response, 'data-testid="nothing-found"')
