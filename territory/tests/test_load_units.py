from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from territory.loader import load_successions, load_units
from territory.models import AdminUnit, Level, Scheme
from territory.queries import successors_of


class LoadUnitsTests(TestCase):
    def test_dak_nong_has_8_districts_and_71_communes(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        province = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="67")
        self.assertEqual(province.name, "Tỉnh Đắk Nông")
        self.assertEqual(province.type_name, "Tỉnh")
        self.assertEqual(province.descendants().filter(level=Level.DISTRICT).count(), 8)
        self.assertEqual(province.descendants().filter(level=Level.COMMUNE).count(), 71)
        per_district = {d.code: d.children.count() for d in province.children.all()}
        self.assertEqual(
            per_district, {"660": 8, "661": 7, "662": 8, "663": 10, "664": 12, "665": 9, "666": 11, "667": 6}
        )

    def test_paths_and_types_follow_the_tree(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        commune = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="24611")
        self.assertEqual(commune.name, "Phường Nghĩa Đức")
        self.assertEqual(commune.type_name, "Phường")
        self.assertEqual(commune.path, "legacy/67/660/24611/")
        self.assertEqual(commune.parent.type_name, "Thành phố")
        self.assertEqual([a.code for a in commune.ancestors()], ["67", "660"])
        self.assertIsNotNone(commune.latitude)

    def test_loading_twice_changes_nothing_and_keeps_edited_population(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        AdminUnit.objects.filter(scheme=Scheme.LEGACY, code="663").update(population=103_000)
        again = load_units(Scheme.LEGACY, ["67"])
        self.assertEqual((again.created, again.updated), (0, 0))
        self.assertEqual(AdminUnit.objects.filter(scheme=Scheme.LEGACY).count(), 80)
        self.assertEqual(AdminUnit.objects.get(scheme=Scheme.LEGACY, code="663").population, 103_000)

    def test_same_code_means_different_units_in_the_two_schemes(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        load_units(Scheme.Y2025, ["68"])
        old = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="24611")
        new = AdminUnit.objects.get(scheme=Scheme.Y2025, code="24611")
        self.assertEqual(old.name, "Phường Nghĩa Đức")
        self.assertEqual(new.name, "Phường Bắc Gia Nghĩa")
        self.assertEqual(new.parent.code, "68")
        self.assertEqual(new.path, "2025/68/24611/")

    def test_legacy_commune_shows_its_2025_successor(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        load_units(Scheme.Y2025, ["68"])
        links = load_successions()
        self.assertGreaterEqual(links, 71)
        nghia_duc = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="24611")
        self.assertEqual([u.name for u in successors_of(nghia_duc)][:1], ["Phường Bắc Gia Nghĩa"])
        unlinked_communes = AdminUnit.objects.filter(scheme=Scheme.LEGACY, level=Level.COMMUNE, successions=None)
        self.assertFalse(unlinked_communes.exists())
        self.assertEqual(load_successions(), links)

    def test_command_loads_a_province_and_rejects_an_unknown_code(self) -> None:
        call_command("load_units", "--scheme", "2025", "--province", "68", stdout=StringIO())
        self.assertEqual(AdminUnit.objects.filter(scheme=Scheme.Y2025, level=Level.COMMUNE).count(), 124)
        with self.assertRaisesMessage(CommandError, "No province with code 99"):
            call_command("load_units", "--province", "99")
