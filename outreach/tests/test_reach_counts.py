"""The situation view's village counts come from grouped queries and agree with the coverage page:
per unit one level down and in all, for today or any earlier day."""

from datetime import date

from outreach import reports
from testing import add_village

from .base import OutreachTestCase


class ReachCountTests(OutreachTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        village_a2 = add_village(cls.commune_a, 2)
        add_village(cls.commune_a, 3)
        cls.report(cls.officer_a, units=[cls.village_a], occurred_on=date(2021, 6, 8))
        cls.report(cls.officer_a, units=[village_a2], occurred_on=date(2021, 5, 30))
        cls.report(cls.officer_a, units=[village_a2], occurred_on=date(2021, 6, 20))  # after the day asked for
        cls.report(cls.officer_b, units=[cls.commune_b], occurred_on=date(2021, 5, 14))

    def test_the_counts_agree_with_the_coverage_page(self) -> None:
        for unit in (self.province, self.district, self.commune_a):
            for on in (date(2021, 6, 10), date(2021, 6, 21), date(2021, 7, 30), date(2021, 5, 1)):
                page = reports.coverage(unit, on)
                counted = reports.reach_by_child(unit, on)
                shape = (page.total.villages, page.total.never, page.total.within)
                self.assertEqual((counted.total.villages, counted.total.never, counted.total.within), shape)
                if unit != self.commune_a:
                    for row in page.rows:
                        mine = counted.by_child[row.unit.code]
                        self.assertEqual(
                            (mine.villages, mine.never, mine.within), (row.villages, row.never, row.within)
                        )

    def test_a_district_s_communes(self) -> None:
        counted = reports.reach_by_child(self.district, date(2021, 6, 10))
        a = counted.by_child[self.commune_a.code]
        self.assertEqual((a.villages, a.within[7], a.within[14], a.within[30], a.never), (3, 1, 2, 2, 1))
