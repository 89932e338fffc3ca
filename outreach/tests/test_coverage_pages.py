"""The coverage page of a unit with many villages (a province has hundreds) stays small: the table
by district or commune first, then the villages 50 to a page, never reached first."""

from datetime import date

from testing import add_village

from .base import OutreachTestCase


class CoveragePagesTests(OutreachTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for number in range(2, 62):  # 61 villages with village_a
            add_village(cls.commune_a, number)
        cls.report(cls.officer_a, units=[cls.village_a], occurred_on=date(2021, 6, 8))

    def coverage(self, **query: str) -> str:
        page = self.client_for(self.district_officer).get(
            "/outreach/coverage/", {"unit": self.district.code, "on": "2021-06-10", **query}
        )
        self.assertEqual(page.status_code, 200)
        return page.content.decode()

    def test_the_first_page_lists_fifty_villages_after_the_table(self) -> None:
        html = self.coverage()
        self.assertEqual(html.count("data-village="), 50)
        self.assertLess(html.index('data-testid="coverage-table"'), html.index('data-testid="village-list"'))
        self.assertIn(f'data-unit="{self.commune_a.code}"', html)
        self.assertIn('data-ever="0"', html)  # never reached first
        self.assertNotIn(f'data-village="{self.village_a.pk}"', html)  # the one reached comes last
        self.assertIn("page=2", html)
        self.assertIn(f"unit={self.district.code}", html.split("page=2")[0].rsplit('href="', 1)[1])

    def test_the_last_page_holds_the_rest(self) -> None:
        html = self.coverage(page="2")
        self.assertEqual(html.count("data-village="), 12)  # 62 villages under the district
        self.assertIn(f'data-village="{self.village_a.pk}"', html)

    def test_a_page_that_is_no_number_is_the_first(self) -> None:
        self.assertEqual(self.coverage(page="abc").count("data-village="), 50)
