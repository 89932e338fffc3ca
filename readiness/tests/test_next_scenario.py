"""Each unit's next scenario from its case counts, worked out by hand: commune A has 5 cases in
a village on 20/05/2021 and 7 of its own on 19/05/2021 (30 more a month earlier, outside the
window) — 12 cases, in "10–50", so it must be ready for "50–100"; commune B has none, so its
next scenario is the first, "1–10"."""

from datetime import date

from readiness import queries
from readiness.models import Scenario
from zones.actions.cases import record_case_count
from zones.models import ProvinceLevels

from .base import ReadinessTestCase

AS_OF = date(2021, 5, 20)


class NextScenarioTests(ReadinessTestCase):
    def setUp(self) -> None:
        super().setUp()
        ProvinceLevels.objects.create(province=self.province, last_as_of=AS_OF)
        record_case_count(self.village_a, AS_OF, 5, by=self.admin)
        record_case_count(self.commune_a, date(2021, 5, 19), 7, by=self.admin)
        record_case_count(self.commune_a, date(2021, 4, 20), 30, by=self.admin)
        # Commune A holds what 10–50 cases need, commune B what 1–10 cases need.
        self.cover(self.commune_a, "10-50")
        self.cover(self.commune_b, "1-10")

    def cover(self, unit, scenario: str) -> None:  # type: ignore[no-untyped-def]
        lines = self.gap(unit, scenario).lines
        self.declare(unit, **{code.replace("-", "_"): line[0] for code, line in lines.items()})

    def test_the_scenario_a_number_of_cases_falls_in_and_the_next_one(self) -> None:
        ordered = list(Scenario.objects.order_by("min_cases"))
        steps = {n: queries.step_for(n, ordered) for n in (0, 1, 9, 10, 12, 99, 100, 250)}
        self.assertEqual(
            {n: (s.current.code if s.current else None, s.next.code) for n, s in steps.items()},
            {
                0: (None, "1-10"),
                1: ("1-10", "10-50"),
                9: ("1-10", "10-50"),
                10: ("10-50", "50-100"),
                12: ("10-50", "50-100"),
                99: ("50-100", "tren-100"),
                100: ("tren-100", "tren-100"),
                250: ("tren-100", "tren-100"),
            },
        )

    def test_each_unit_gets_its_cases_and_next_scenario_from_the_counts(self) -> None:
        found = queries.next_steps(self.province)
        self.assertEqual(found.last, AS_OF)
        mine = {u: (found.steps[u.pk].cases, found.steps[u.pk].next.code) for u in (self.commune_a, self.commune_b)}
        self.assertEqual(mine, {self.commune_a: (12, "50-100"), self.commune_b: (0, "1-10")})
        self.assertEqual(found.steps[self.village_a.pk].cases, 5)
        self.assertEqual((found.steps[self.district.pk].cases, found.steps[self.district.pk].next.code), (12, "50-100"))
        self.assertEqual(found.steps[self.other_district.pk].next.code, "1-10")

    def test_the_province_sees_which_communes_cannot_cope_with_their_next_scenario(self) -> None:
        steps = queries.next_steps(self.province)
        short = {g.unit for g in queries.short_communes_next(self.district, steps)}
        self.assertIn(self.commune_a, short)  # ready for 10–50, not for 50–100
        self.assertNotIn(self.commune_b, short)  # no case, ready for 1–10
        # Against one scenario for all, it is the other way round.
        fixed = {g.unit for g in queries.short_communes(self.district, Scenario.objects.get(code="10-50"))}
        self.assertNotIn(self.commune_a, fixed)
        self.assertIn(self.commune_b, fixed)
        points = {p[4]: p for p in queries.map_points_next(self.district, steps)}
        if self.commune_a.name in points:
            self.assertEqual(points[self.commune_a.name][5], "Từ 50 đến 100 ca mắc")

    def test_the_gap_page_shows_the_next_scenario_by_default_and_the_api_on_request(self) -> None:
        page = self.client_for(self.province_officer).get("/readiness/", {"unit": self.district.code})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        self.assertIn('data-testid="next-explained"', html)
        short = html.split('data-testid="short-communes"')[1]
        self.assertIn(f'data-unit="{self.commune_a.code}"', short)
        self.assertNotIn(f'data-unit="{self.commune_b.code}"', short)
        self.assertIn("12 ca</span> → Từ 50 đến 100 ca mắc", short)
        chosen = self.client_for(self.province_officer).get(
            "/readiness/", {"unit": self.district.code, "scenario": "10-50"}
        )
        self.assertNotContains(chosen, 'data-testid="next-explained"')
        data = self.api_get(
            self.province_officer, "/api/v1/readiness/gaps", {"unit": self.district.code, "scenario": "next"}
        ).json()
        row = next(r for r in data["children"] if r["code"] == self.commune_a.code)
        self.assertEqual((row["cases"], row["next_scenario"]), (12, "50-100"))
        self.assertIn(self.commune_a.code, data["short_communes"])
        self.assertNotIn(self.commune_b.code, data["short_communes"])
