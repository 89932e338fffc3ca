"""Every unit-scoped record keeps its unit's path by itself: on create, when it moves, in a bulk
insert, and through a chain (a delivery through its organisation, an inspection through the
place it inspected) — so jurisdiction filters find it under the right unit."""

from django.utils import timezone

from inspections.models import Inspection, TargetKind
from safety.models import Establishment
from testing import SafetyTestCase, make_place, write_zone
from zones.models import DistancingMeasure, ZoneUnit


class UnitPathTests(SafetyTestCase):
    def test_a_new_record_takes_its_units_path_and_scheme(self) -> None:
        place = make_place(self.village_a)
        stored = Establishment.objects.get(pk=place.pk)
        self.assertEqual(stored.unit_path, self.village_a.path)
        self.assertEqual(stored.scheme, self.village_a.scheme)
        self.assertIn(stored, Establishment.objects.filter(unit_path__startswith=self.commune_a.path))

    def test_a_record_moved_to_another_unit_follows_it(self) -> None:
        place = make_place(self.commune_a)
        place.unit = self.commune_b
        place.save()
        self.assertEqual(Establishment.objects.get(pk=place.pk).unit_path, self.commune_b.path)
        place = Establishment.objects.get(pk=place.pk)
        place.unit_id = self.commune_a.pk  # by id, the unit not loaded
        place.save()
        self.assertEqual(Establishment.objects.get(pk=place.pk).unit_path, self.commune_a.path)

    def test_a_bulk_insert_takes_the_paths_of_the_units_given(self) -> None:
        measure = DistancingMeasure.objects.create(code="test", name="Thử nghiệm", legal_basis="Thử", strictness=1)
        zone = write_zone(self.district, measure)
        self.assertEqual(zone.area_path, self.district.path)
        ZoneUnit.objects.bulk_create(
            [ZoneUnit(zone=zone, unit=self.commune_a), ZoneUnit(zone=zone, unit=self.commune_b)]
        )
        self.assertEqual(
            sorted(ZoneUnit.objects.filter(zone=zone).values_list("unit_path", flat=True)),
            sorted([self.commune_a.path, self.commune_b.path]),
        )

    def test_an_inspection_of_a_place_is_found_under_the_places_unit(self) -> None:
        place = make_place(self.village_a)
        today = timezone.localdate()
        inspection = Inspection.objects.create(
            unit=self.district,
            target_kind=TargetKind.PLACE,
            target_place=place,
            period_start=today,
            period_end=today,
        )
        stored = Inspection.objects.get(pk=inspection.pk)
        self.assertEqual((stored.unit_path, stored.target_path), (self.district.path, self.village_a.path))
