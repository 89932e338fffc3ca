"""The public map coloured by level: its data (GET /api/v1/public/levels) and its page, which
works without map tiles and without JavaScript."""

from django.test import override_settings

from territory.models import Scheme
from zones.actions.levels import override_level
from zones.computing import recompute

from .base import ZonesTestCase, put_cases


class PublicLevelsApiTests(ZonesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        put_cases(cls.commune_a, 2, untraced=2)
        recompute(scheme=Scheme.LEGACY)
        override_level(cls.commune_b, "nguy-co", "Giáp ranh ổ dịch", by=cls.officer_b)

    def test_every_commune_with_its_level_colour_and_centre(self) -> None:
        response = self.client.get("/api/v1/public/levels", {"scheme": "legacy", "level": "commune"})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(len(body["units"]), 71)
        units = {u["code"]: u for u in body["units"]}
        a, b = units[self.commune_a.code], units[self.commune_b.code]
        self.assertEqual((a["level"], a["colour"], a["overridden"]), ("nguy-co-rat-cao", "#DA4711", False))
        self.assertEqual((b["level"], b["computed_level"], b["overridden"]), ("nguy-co", "binh-thuong-moi", True))
        self.assertEqual(a["parent"], self.district.code)
        self.assertIsNotNone(a["latitude"])
        self.assertEqual(body["frameworks"][0]["code"], "qd-2686-bcdqg")
        self.assertEqual(len(body["frameworks"][0]["levels"]), 4)
        self.assertIsNotNone(body["as_of"])
        self.assertIn("public", response["Cache-Control"])
        self.assertTrue(response["ETag"])

    def test_districts_and_a_parent(self) -> None:
        body = self.client.get("/api/v1/public/levels", {"level": "district"}).json()
        self.assertEqual(len(body["units"]), 8)
        self.assertEqual(next(u for u in body["units"] if u["code"] == "663")["level"], "nguy-co-cao")
        body = self.client.get("/api/v1/public/levels", {"parent": "663"}).json()
        self.assertEqual(len(body["units"]), 10)

    def test_bad_parameters(self) -> None:
        self.assertEqual(self.client.get("/api/v1/public/levels", {"scheme": "1990"}).status_code, 422)
        self.assertEqual(self.client.get("/api/v1/public/levels", {"level": "village"}).status_code, 422)
        self.assertEqual(self.client.get("/api/v1/public/levels", {"parent": "00000"}).status_code, 404)
        self.assertEqual(self.client.get("/api/v1/public/levels", {"scheme": "2025"}).json()["units"], [])


class LevelsPageTests(ZonesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        put_cases(cls.commune_a, 1, linked=1)
        recompute(scheme=Scheme.LEGACY)

    @override_settings(MAP_TILE_URL="")
    def test_the_page_lists_every_unit_below_the_map_and_works_without_tiles(self) -> None:
        response = self.client.get("/levels/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["parent"], self.province)  # the one province with levels
        self.assertEqual(response.context["page"].paginator.count, 71)
        self.assertEqual(response.context["page"][0].unit, self.commune_a)  # the highest level first
        self.assertContains(response, 'data-tiles=""')
        self.assertContains(response, "leaflet/leaflet.js")
        self.assertContains(response, 'data-level="nguy-co-rat-cao"')
        counts = {row["level__code"]: row["count"] for row in response.context["counts"]}
        self.assertEqual(counts, {"binh-thuong-moi": 70, "nguy-co-rat-cao": 1})

    def test_the_page_by_district_and_bad_parameters(self) -> None:
        response = self.client.get("/levels/", {"level": "district"})
        self.assertEqual(response.context["page"].paginator.count, 8)
        self.assertEqual(self.client.get("/levels/", {"level": "hamlet"}).status_code, 400)
        self.assertEqual(self.client.get("/levels/", {"unit": "00000"}).status_code, 404)

    def test_the_page_is_small(self) -> None:
        self.assertLess(len(self.client.get("/levels/").content), 300_000)
        self.assertLess(len(self.client.get("/api/v1/public/levels").content), 300_000)
