"""Activities by channel, unit and period, within the reader's jurisdiction."""

from datetime import date

from .base import OutreachTestCase


class ByChannelTests(OutreachTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report(cls.officer_a, units=[cls.village_a], quantity=3, occurred_on=date(2021, 5, 14))
        cls.report(cls.officer_b, units=[cls.village_b], quantity=5, occurred_on=date(2021, 5, 20))
        cls.report(cls.officer_b, units=[cls.village_b], quantity=7, occurred_on=date(2021, 7, 1))

    def table(self, user, **params):  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(
            "/outreach/activities/", {"start": "2021-05-01", "end": "2021-05-31", **params}
        )
        self.assertEqual(response.status_code, 200)
        return response.context["table"]

    def test_the_district_sees_each_commune_in_the_period(self) -> None:
        table = self.table(self.district_officer, unit=self.district.code)
        columns = [c.code for c in table.columns]
        channel, per_unit, total, count = table.rows[0]
        self.assertEqual(channel.code, "xe-loa")
        self.assertEqual(per_unit[columns.index(self.commune_a.code)], 3)
        self.assertEqual(per_unit[columns.index(self.commune_b.code)], 5)
        self.assertEqual((total, count), (8, 2))

    def test_a_commune_sees_only_its_own(self) -> None:
        table = self.table(self.officer_a)
        self.assertEqual([(r[2], r[3]) for r in table.rows], [(3, 1)])
        response = self.client_for(self.officer_a).get("/outreach/activities/", {"unit": self.commune_b.code})
        self.assertEqual(response.status_code, 403)

    def test_another_district_sees_nothing_of_this_one(self) -> None:
        self.assertEqual(self.table(self.other_district_officer).rows, [])

    def test_a_period_that_ends_before_it_starts_is_refused(self) -> None:
        response = self.client_for(self.officer_a).get(
            "/outreach/activities/", {"start": "2021-06-01", "end": "2021-05-01"}
        )
        self.assertEqual(response.status_code, 400)
