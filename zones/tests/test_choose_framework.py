"""A province chooses the framework its levels are assessed with."""

from territory.models import Scheme
from zones.actions.levels import override_level
from zones.computing import recompute
from zones.models import ChangeSource, LevelChange, ProvinceLevels, UnitLevel

from .base import ZonesTestCase, put_cases


class ChooseFrameworkTests(ZonesTestCase):
    def put(self, user, framework="nq-128-cp"):  # type: ignore[no-untyped-def]
        return self.api_put(user, "/api/v1/levels/legacy/67/framework", {"framework": framework})

    def test_the_administrator_switches_to_128_and_levels_are_recomputed(self) -> None:
        self.commune_a.population = 10_000
        self.commune_a.save()
        put_cases(self.commune_a, 6)  # 60 per 100,000 in a week → level 3
        recompute(scheme=Scheme.LEGACY)
        override_level(self.commune_b, "nguy-co", "Giáp ranh", by=self.officer_b)
        response = self.put(self.admin)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ProvinceLevels.objects.get(province=self.province).framework.code, "nq-128-cp")
        self.assertEqual(UnitLevel.objects.get(unit=self.commune_a).level.code, "cap-3")
        # The override was made in the old framework's levels: withdrawn.
        row = UnitLevel.objects.get(unit=self.commune_b)
        self.assertIsNone(row.override_level)
        self.assertEqual(row.level.code, "cap-1")
        self.assertTrue(LevelChange.objects.filter(unit=self.commune_b, source=ChangeSource.FRAMEWORK).exists())

    def test_only_the_provinces_administrator(self) -> None:
        for user in (self.province_officer, self.district_officer, self.owner):
            with self.subTest(user=user.username):
                self.assertEqual(self.put(user).status_code, 403)
        self.assertEqual(self.put(self.admin, "no-such").status_code, 422)
        self.assertFalse(ProvinceLevels.objects.filter(framework__isnull=False).exists())

    def test_the_framework_page(self) -> None:
        client = self.client_for(self.admin)
        self.assertContains(client.get("/levels/framework/"), "Quyết định 2686")
        response = client.post("/levels/framework/", {"framework": "nq-128-cp"})
        self.assertRedirects(response, "/levels/framework/")
        self.assertEqual(ProvinceLevels.objects.get(province=self.province).framework.code, "nq-128-cp")
        self.assertEqual(self.client_for(self.province_officer).get("/levels/framework/").status_code, 403)
