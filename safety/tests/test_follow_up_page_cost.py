"""The officers' overdue list costs the same whatever the page holds: a fixed number of queries
(no query per row, the type filter read once) and its labels translated once per page, not
once per row."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import trans_real

from testing import SafetyTestCase, add_markets


class FollowUpPageCostTests(SafetyTestCase):
    def cost(self, places: int) -> tuple[int, int]:
        add_markets([self.commune_a] * places, label=f"Sạp {places}-{{n}}")
        browser = self.client_for(self.district_officer)
        url = f"/safety/overdue/?unit={self.district.code}"
        browser.get(url)
        with (
            CaptureQueriesContext(connection) as queries,
            mock.patch.object(trans_real, "gettext", wraps=trans_real.gettext) as lookups,
        ):
            response = browser.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["rows"]), min(places, 50))
        return len(queries), lookups.call_count

    def test_a_full_page_costs_what_a_short_one_does(self) -> None:
        queries, lookups = self.cost(3)
        self.assertEqual(self.cost(50), (queries, lookups))

    def test_the_page_reads_the_session_user_roles_unit_places_and_types_once(self) -> None:
        queries, _lookups = self.cost(5)
        # session, user, roles, unit, count, places, breadcrumb, types
        self.assertLessEqual(queries, 8)
