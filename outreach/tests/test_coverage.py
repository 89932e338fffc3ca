"""Village coverage in the last 7, 14 and 30 days on the unit tree, never-reached villages first."""

from datetime import date

from outreach import reports
from territory.models import AdminUnit
from testing import add_village

from .base import OutreachTestCase

ON = date(2021, 6, 10)


class CoverageTests(OutreachTestCase):
    village_a2: AdminUnit
    village_a3: AdminUnit

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.village_a2 = add_village(cls.commune_a, 2)
        cls.village_a3 = add_village(cls.commune_a, 3)
        cls.report(cls.officer_a, units=[cls.village_a], occurred_on=date(2021, 6, 8))  # 2 days before
        cls.report(cls.officer_a, units=[cls.village_a2], occurred_on=date(2021, 5, 30))  # 11 days before
        cls.report(cls.officer_b, units=[cls.commune_b], occurred_on=date(2021, 5, 14))  # a whole commune, 27 days

    def test_windows_per_commune_of_the_district(self) -> None:
        result = reports.coverage(self.district, ON)
        rows = {row.unit.code: row for row in result.rows}
        a, b = rows[self.commune_a.code], rows[self.commune_b.code]
        self.assertEqual((a.villages, a.within[7], a.within[14], a.within[30], a.never), (3, 1, 2, 2, 1))
        self.assertEqual((b.villages, b.within[7], b.within[14], b.within[30], b.never), (1, 0, 0, 1, 0))
        self.assertEqual(result.total.villages, 4)
        self.assertEqual(result.total.within[30], 3)

    def test_a_village_reached_before_the_window_is_not_covered_but_not_never(self) -> None:
        result = reports.coverage(self.district, date(2021, 7, 30))
        self.assertEqual(result.total.within[30], 0)
        self.assertEqual(result.total.never, 1)

    def test_never_reached_villages_come_first(self) -> None:
        villages = reports.coverage(self.commune_a, ON).villages
        self.assertEqual([v.pk for v in villages], [self.village_a3.pk, self.village_a2.pk, self.village_a.pk])
        self.assertFalse(villages[0].ever_reached)

    def test_the_page_and_the_api(self) -> None:
        page = self.client_for(self.district_officer).get(
            "/outreach/coverage/", {"unit": self.district.code, "on": "2021-06-10"}
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-unit="{self.commune_a.code}"')
        self.assertContains(page, 'id="coverage-villages"')
        self.assertContains(page, "leaflet/leaflet.js")
        body = self.api_get(
            self.officer_a, "/api/v1/outreach/coverage", {"unit": self.commune_a.code, "on": "2021-06-10"}
        ).json()
        self.assertEqual(
            (body["total"]["villages"], body["total"]["reached_7"], body["total"]["never_reached"]), (3, 1, 1)
        )
        self.assertEqual(body["villages"][0]["id"], self.village_a3.pk)

    def test_a_sibling_cannot_see_commune_a(self) -> None:
        self.assertEqual(
            self.client_for(self.officer_b).get("/outreach/coverage/", {"unit": self.commune_a.code}).status_code, 403
        )
        response = self.api_get(self.other_district_officer, "/api/v1/outreach/coverage", {"unit": self.district.code})
        self.assertEqual(response.status_code, 403)

    def test_reaching_a_village_again_earlier_keeps_the_first_and_last_days(self) -> None:
        from outreach.models import VillageReach

        self.report(self.officer_a, units=[self.village_a], occurred_on=date(2021, 5, 20))
        reach = VillageReach.objects.get(village=self.village_a)
        self.assertEqual((reach.first_reached_on, reach.last_reached_on), (date(2021, 5, 20), date(2021, 6, 8)))
