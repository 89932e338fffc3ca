"""`path__under` selects exactly a unit's subtree, and on SQLite it reads the path index
instead of scanning every row (a district's places among a million)."""

from django.db import connection
from django.test import TestCase

from accounts import jurisdiction
from safety.models import Establishment
from safety.types import load_establishment_types
from territory.models import AdminUnit
from testing import JurisdictionTestCase, add_village, make_place


class SubtreeTests(JurisdictionTestCase):
    def test_the_district_and_everything_below_it_and_nothing_else(self) -> None:
        under = set(AdminUnit.objects.filter(path__under=self.district.path))
        self.assertIn(self.district, under)
        self.assertIn(self.commune_a, under)
        self.assertIn(self.village_b, under)
        self.assertNotIn(self.other_district, under)
        self.assertNotIn(self.other_commune, under)
        self.assertNotIn(self.province, under)
        expected = {u for u in AdminUnit.objects.all() if u.path.startswith(self.district.path)}
        self.assertEqual(under, expected)

    def test_a_village_whose_code_starts_like_its_siblings_is_not_below_them(self) -> None:
        tenth = add_village(self.commune_a, 10)  # code …-010, path …/…-010/
        first = self.village_a  # code …-001
        self.assertEqual(list(AdminUnit.objects.filter(path__under=first.path)), [first])
        self.assertEqual(list(AdminUnit.objects.filter(path__under=tenth.path)), [tenth])

    def test_an_officer_sees_the_places_of_their_subtree_only(self) -> None:
        load_establishment_types()
        inside = make_place(self.village_a, "Chợ thôn 1")
        make_place(self.commune_b, "Chợ xã bên")
        visible = jurisdiction.filter_by_unit(self.officer_a, Establishment.objects.all(), path_field="unit_path")
        self.assertEqual(list(visible), [inside])


class SqliteIndexTests(TestCase):
    def test_a_subtree_count_reads_the_index(self) -> None:
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL serves LIKE 'p%' from its varchar_pattern_ops index")
        plan = Establishment.objects.filter(unit_path__under="legacy/67/663/").values("state").explain()
        self.assertIn("SEARCH safety_establishment USING", plan)
        self.assertIn("(unit_path>? AND unit_path<?)", plan)
        self.assertNotIn("SCAN safety_establishment", plan)
