"""Coverage per period and jurisdiction: which units one level down and which places were
inspected, which not, what is still planned and overdue — as a table, on the tree, and in the API."""

from datetime import timedelta
from typing import Any

from django.urls import reverse

from inspections.coverage import coverage
from inspections.periods import Period
from testing import make_place

from .base import TODAY, InspectionTestCase


class CoverageTests(InspectionTestCase):
    place_a2: Any

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.place_a2 = make_place(cls.village_a, "Nhà nghỉ Thôn 1", type_code="lodging")

    def setUp(self) -> None:
        super().setUp()
        self.inspected(self.district_officer, self.commune_a)
        self.inspected(self.officer_a, self.village_a, outcome="needs_fixes", fix_by=TODAY() + timedelta(days=5))
        self.inspected(
            self.district_officer, self.place_a, answers={"plan": "yes", "masks": "pass", "staff": 20, "toilets": 9}
        )
        self.inspected(
            self.officer_a, self.place_a, answers={"plan": "yes", "masks": "pass", "staff": 20, "toilets": 9}
        )
        self.planned = self.schedule(self.district_officer, self.commune_b)
        self.old = self.inspected(
            self.district_officer,
            self.place_b,
            answers={"plan": "yes", "masks": "pass", "staff": 20, "toilets": 9},
            on=TODAY() - timedelta(days=90),
            outcome="needs_fixes",
            fix_by=TODAY() - timedelta(days=60),
        )
        self.month = Period(TODAY() - timedelta(days=29), TODAY(), "")

    def row(self, result, unit):  # type: ignore[no-untyped-def]
        return next(row for row in result.rows if row.unit == unit)

    def test_district_table(self) -> None:
        result = coverage(self.district, self.month, TODAY())
        a, b = self.row(result, self.commune_a), self.row(result, self.commune_b)
        self.assertEqual((a.inspected, a.done, a.planned, a.places, a.places_inspected), (1, 4, 0, 2, 1))
        self.assertEqual((b.inspected, b.done, b.planned, b.places, b.places_inspected, b.overdue), (0, 0, 1, 1, 0, 1))
        self.assertEqual(result.units_inspected, 1)
        self.assertIn(self.commune_b, result.units_not_inspected)
        self.assertEqual(len(result.rows), self.district.children.count())
        self.assertEqual((result.total.places, result.total.places_inspected, result.total.overdue), (3, 1, 1))

    def test_commune_table_and_the_unit_itself(self) -> None:
        result = coverage(self.commune_a, self.month, TODAY())
        village = self.row(result, self.village_a)
        self.assertEqual((village.inspected, village.places, village.places_inspected), (1, 1, 0))
        self.assertEqual(result.own.inspected, 1)  # inspected from above, by the district
        self.assertEqual((result.own.places, result.own.places_inspected), (1, 1))

    def test_the_period_counts(self) -> None:
        earlier = Period(TODAY() - timedelta(days=100), TODAY() - timedelta(days=80), "")
        result = coverage(self.district, earlier, TODAY())
        self.assertEqual(self.row(result, self.commune_b).places_inspected, 1)
        self.assertEqual(self.row(result, self.commune_a).done, 0)

    def test_the_page_table_tree_and_lists(self) -> None:
        client = self.client_for(self.district_officer)
        page = client.get(reverse("inspections:coverage"), {"unit": self.district.code})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f'data-unit="{self.commune_a.code}" data-inspected="1"')
        self.assertContains(page, f'data-unit="{self.commune_b.code}" data-inspected="0"')
        self.assertEqual([p.name for p in page.context["places"]], ["Nhà nghỉ Thôn 1", "Quán ăn Bình Minh"])
        self.assertEqual(page.context["overdue"], [self.old])
        branch = client.get(
            reverse("inspections:coverage_tree"), {"unit": self.commune_a.code}, headers={"HX-Request": "true"}
        )
        self.assertContains(branch, f'data-unit="{self.village_a.code}"')
        self.assertEqual(client.get(reverse("inspections:coverage"), {"period": "2021-99"}).status_code, 400)

    def test_jurisdiction(self) -> None:
        url = reverse("inspections:coverage")
        self.assertEqual(self.client_for(self.officer_b).get(url, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.client_for(self.officer_b).get(url, {"unit": self.district.code}).status_code, 403)
        self.assertEqual(
            self.client_for(self.other_district_officer).get(url, {"unit": self.district.code}).status_code, 403
        )
        self.assertEqual(self.client_for(self.province_officer).get(url, {"unit": self.district.code}).status_code, 200)
        own = self.client_for(self.officer_b).get(url)  # their own commune by default
        self.assertEqual(own.context["unit"], self.commune_b)
        api = "/api/v1/inspections/coverage"
        self.assertEqual(self.api_get(self.officer_b, api, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.api_get(self.press, api).status_code, 403)

    def test_the_api(self) -> None:
        response = self.api_get(self.province_officer, "/api/v1/inspections/coverage", {"unit": self.district.code})
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["units_inspected"], 1)
        row = next(r for r in body["rows"] if r["unit"]["code"] == self.commune_a.code)
        self.assertEqual((row["places"], row["places_inspected"], row["places_share"]), (2, 1, 50.0))
        self.assertEqual(
            self.api_get(self.province_officer, "/api/v1/inspections/coverage", {"period": "2021-Q5"}).status_code, 422
        )
