"""The public summary per unit (/map/summary/?unit=, /api/v1/public/summary?unit=&scheme=): public
places by state and the safe share for the unit and each unit below it, from aggregate queries."""

import json
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safety import clusters
from safety.models import (
    OperatingStatus,
    PublicState,
    Registration,
    UnitStateCount,
)
from territory.models import AdminUnit, Scheme, UnitSuccession
from testing import SAFE_ANSWERS, SafetyTestCase, add_markets, make_place

URL = "/api/v1/public/summary"
SAFE, AT_RISK, UNSAFE, NOT_ASSESSED = (s.value for s in PublicState)


class SummaryTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        a, b = self.commune_a, self.commune_b
        for unit, state, extra in (
            (a, SAFE, {}),
            (a, SAFE, {}),
            (a, UNSAFE, {}),
            (a, NOT_ASSESSED, {"status": OperatingStatus.SUSPENDED}),
            (a, SAFE, {"registration": Registration.PENDING}),
            (a, SAFE, {"status": OperatingStatus.CLOSED}),
            (b, AT_RISK, {}),
            (b, NOT_ASSESSED, {}),
            (self.village_b, SAFE, {}),
            (self.other_commune, SAFE, {}),
        ):
            make_place(unit, f"Nơi {unit.name} {state}", state=state, **extra)

    def get(self, **params: str) -> dict:  # type: ignore[type-arg]
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    @staticmethod
    def child(body: dict, unit: AdminUnit) -> dict:  # type: ignore[type-arg]
        (row,) = [row for row in body["children"] if row["unit"]["code"] == unit.code]
        return row


class SummaryApiTests(SummaryTestCase):
    def test_a_district_and_each_of_its_communes(self) -> None:
        body = self.get(unit=self.district.code)
        self.assertEqual(body["unit"]["code"], self.district.code)
        total = body["total"]
        self.assertEqual(total["counts"], {SAFE: 3, AT_RISK: 1, UNSAFE: 1, NOT_ASSESSED: 2})
        self.assertEqual((total["total"], total["assessed"]), (7, 5))
        self.assertEqual((total["safe_share"], total["safe_share_of_all"]), (60.0, 42.9))
        self.assertEqual(len(body["children"]), self.district.children.count())
        a = self.child(body, self.commune_a)
        self.assertEqual(a["counts"], {SAFE: 2, AT_RISK: 0, UNSAFE: 1, NOT_ASSESSED: 1})
        self.assertEqual((a["safe_share"], a["safe_share_of_all"]), (66.7, 50.0))
        b = self.child(body, self.commune_b)  # its village's place counts in the commune
        self.assertEqual(b["counts"], {SAFE: 1, AT_RISK: 1, UNSAFE: 0, NOT_ASSESSED: 1})
        empty = [
            row for row in body["children"] if row["unit"]["code"] not in (self.commune_a.code, self.commune_b.code)
        ]
        self.assertTrue(all(row["total"] == 0 and row["safe_share"] is None for row in empty))

    def test_children_and_the_places_of_the_unit_itself_add_up_to_the_unit(self) -> None:
        for unit, own in ((self.province, 0), (self.district, 0), (self.commune_b, 2)):
            with self.subTest(unit=unit.name):
                body = self.get(unit=unit.code)
                self.assertEqual(body["own"]["total"], own)
                for state in (SAFE, AT_RISK, UNSAFE, NOT_ASSESSED):
                    below = sum(row["counts"][state] for row in body["children"])
                    self.assertEqual(below + body["own"]["counts"][state], body["total"]["counts"][state])

    def test_the_province_by_district(self) -> None:
        body = self.get(unit=self.province.code)
        self.assertEqual(body["total"]["total"], 8)
        self.assertEqual(self.child(body, self.district)["total"], 7)
        self.assertEqual(self.child(body, self.other_district)["counts"][SAFE], 1)

    def test_without_a_unit_every_province_of_the_scheme(self) -> None:
        body = self.get()
        self.assertIsNone(body["unit"])
        self.assertEqual(body["scheme"], Scheme.LEGACY)
        self.assertEqual(self.child(body, self.province)["total"], 8)

    def test_a_2025_unit_counts_the_places_of_the_communes_it_was_formed_from(self) -> None:
        lam_dong = AdminUnit.objects.get(scheme=Scheme.Y2025, code="68")
        body = self.get(unit="68", scheme="2025")
        self.assertEqual(body["unit"]["name"], lam_dong.name)
        self.assertEqual(body["total"]["total"], 8)
        self.assertEqual(sum(row["total"] for row in body["children"]), 8)
        successor = UnitSuccession.objects.get(predecessor=self.other_commune, is_main=True).successor
        self.assertGreaterEqual(self.child(body, successor)["counts"][SAFE], 1)

    def test_a_place_of_a_legacy_district_counts_in_the_2025_province_only(self) -> None:
        make_place(self.district, "Bến xe Đắk Mil", "bus_station", state=SAFE)
        body = self.get(unit="68", scheme="2025")
        self.assertEqual((body["total"]["total"], body["own"]["total"]), (9, 1))
        successor = UnitSuccession.objects.get(predecessor=self.commune_a, is_main=True).successor
        self.assertEqual(
            self.get(unit=successor.code, scheme="2025")["total"]["counts"][SAFE],
            self.child(body, successor)["counts"][SAFE],
        )

    def test_unknown_unit_is_404_and_unknown_scheme_422(self) -> None:
        self.assertEqual(self.client.get(URL, {"unit": "99999"}).status_code, 404)
        response = self.client.get(URL, {"unit": self.district.code, "scheme": "1990"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "scheme")

    def test_the_number_of_queries_does_not_grow_with_the_places(self) -> None:
        def queries() -> int:
            cache.clear()  # the queries of counting, not of reading the cached answer
            with CaptureQueriesContext(connection) as captured:
                self.get(unit=self.province.code)
            return len(captured)

        before = queries()
        communes = list(AdminUnit.objects.filter(parent__parent=self.province))
        created = add_markets(communes * 3, "Chợ {n}", state=SAFE)
        clusters.add(clusters.presence(place) for place in created)  # as a bulk import counts them in
        self.assertEqual(queries(), before)
        self.assertLessEqual(before, 4)
        self.assertEqual(self.get(unit=self.province.code)["total"]["total"], 8 + 3 * len(communes))


class SummaryPageTests(SummaryTestCase):
    def cells(self, content: str, unit: AdminUnit) -> dict[str, str]:
        row = re.search(rf'<tr[^>]*data-unit="{unit.code}">(.*?)</tr>', content, re.S)
        assert row is not None
        return dict(re.findall(r'data-col="(\w+)">([^<]*)<', row.group(1)))

    def test_the_page_shows_the_unit_and_its_children(self) -> None:
        response = self.client.get("/map/summary/", {"unit": self.district.code})
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        total = self.cells(content, self.district)
        self.assertEqual((total["total"], total["safe"], total["not_assessed"]), ("7", "3", "2"))
        self.assertRegex(total["safe_share"], r"^60[.,]0 %$")
        a = self.cells(content, self.commune_a)
        self.assertEqual((a["total"], a["safe"], a["unsafe"]), ("4", "2", "1"))
        self.assertRegex(a["safe_share"], r"^66[.,]7 %$")
        self.assertContains(response, f"?unit={self.commune_a.code}&amp;scheme=legacy")
        self.assertContains(response, f"/map/?unit={self.district.code}")

    def test_the_default_page_lists_the_provinces(self) -> None:
        content = self.client.get("/map/summary/").content.decode()
        self.assertEqual(self.cells(content, self.province)["total"], "8")

    def test_an_unknown_unit_gets_a_404_page(self) -> None:
        self.assertEqual(self.client.get("/map/summary/", {"unit": "99999"}).status_code, 404)
        self.assertEqual(self.client.get("/map/summary/", {"scheme": "1990"}).status_code, 404)

    def test_unit_names_are_escaped(self) -> None:
        AdminUnit.objects.filter(pk=self.commune_a.pk).update(name="Xã <i>Thử</i>")
        response = self.client.get("/map/summary/", {"unit": self.district.code})
        self.assertContains(response, "Xã &lt;i&gt;Thử&lt;/i&gt;")

    def test_places_of_the_commune_itself_have_their_own_row(self) -> None:
        content = self.client.get("/map/summary/", {"unit": self.commune_b.code}).content.decode()
        own = re.search(r'data-unit="own">(.*?)</tr>', content, re.S)
        assert own is not None
        self.assertIn('data-col="total">2<', own.group(1))
        self.assertEqual(self.cells(content, self.village_b)["safe"], "1")


class KeptCountsTests(SummaryTestCase):
    def test_counts_follow_assessments_moves_and_closures(self) -> None:
        place = make_place(self.commune_b, "Chợ mới", owners=[self.owner])
        self.assertEqual(self.child(self.get(unit=self.district.code), self.commune_b)["counts"][NOT_ASSESSED], 2)
        response = self.api_post(
            self.owner,
            f"/api/v1/establishments/{place.pk}/assessments",
            '{"criteria_set": "test-set", "answers": ' + json.dumps(SAFE_ANSWERS) + "}",
        )
        self.assertEqual(response.status_code, 201, response.content)
        b = self.child(self.get(unit=self.district.code), self.commune_b)
        self.assertEqual((b["counts"][NOT_ASSESSED], b["counts"][SAFE]), (1, 2))

    def test_a_recount_gives_the_counts_kept_along_the_way(self) -> None:
        kept = self.get(unit=self.province.code)
        clusters.rebuild()
        cache.clear()
        self.assertEqual(self.get(unit=self.province.code), kept)
        self.assertEqual(UnitStateCount.objects.filter(count__lt=0).count(), 0)
