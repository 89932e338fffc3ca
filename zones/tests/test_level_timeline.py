"""Every unit's level history, shown as a timeline on its public page and in the API."""

from datetime import date, timedelta

from territory.models import Scheme
from zones.actions.levels import override_level
from zones.computing import recompute

from .base import ZonesTestCase, put_cases, today


class LevelTimelineTests(ZonesTestCase):
    start: date

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        start = today() - timedelta(days=20)
        put_cases(cls.commune_a, 3, untraced=2, day=start + timedelta(days=5))
        for offset in range(20):
            recompute(start + timedelta(days=offset), scheme=Scheme.LEGACY, provinces=["67"])
        override_level(cls.commune_a, "nguy-co", "Theo dõi thêm sau ổ dịch", by=cls.officer_a)
        cls.start = start

    def test_the_api_gives_each_step_until_the_next(self) -> None:
        response = self.client.get(f"/api/v1/public/units/legacy/{self.commune_a.code}/levels")
        self.assertEqual(response.status_code, 200)
        steps = response.json()["steps"]
        self.assertEqual(
            [(s["date"], s["until"], s["level"], s["source"]) for s in steps],
            [
                (today().isoformat(), None, "nguy-co", "override"),
                ((self.start + timedelta(days=19)).isoformat(), today().isoformat(), "binh-thuong-moi", "computed"),
                (
                    (self.start + timedelta(days=5)).isoformat(),
                    (self.start + timedelta(days=19)).isoformat(),
                    "nguy-co-rat-cao",
                    "computed",
                ),
                (self.start.isoformat(), (self.start + timedelta(days=5)).isoformat(), "binh-thuong-moi", "computed"),
            ],
        )
        self.assertEqual(steps[0]["reason"], "Theo dõi thêm sau ổ dịch")
        self.assertEqual(steps[0]["computed_level"], "binh-thuong-moi")

    def test_the_public_page_draws_the_timeline(self) -> None:
        response = self.client.get(f"/levels/legacy/{self.commune_a.code}/")
        self.assertEqual(response.status_code, 200)
        steps = response.context["timeline"]
        self.assertEqual(
            [s.level.code for s in steps], ["nguy-co", "binh-thuong-moi", "nguy-co-rat-cao", "binh-thuong-moi"]
        )
        self.assertTrue(steps[0].overridden)
        self.assertContains(response, 'data-testid="timeline"')
        self.assertContains(response, "Theo dõi thêm sau ổ dịch")

    def test_unknown_units(self) -> None:
        self.assertEqual(self.client.get("/api/v1/public/units/legacy/00000/levels").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/public/units/1999/00000/levels").status_code, 422)
        self.assertEqual(self.client.get("/levels/legacy/00000/").status_code, 404)
        self.assertEqual(self.client.get("/levels/1999/663/").status_code, 404)
