"""The benchmarks' province: loaded from the shipped list when missing, reused when present."""

from django.test import TestCase

from bench.units import legacy_province
from territory.models import AdminUnit, Level, Scheme


class LegacyProvinceTests(TestCase):
    def test_a_missing_province_is_loaded_with_its_units(self) -> None:
        province = legacy_province("67")
        self.assertEqual((province.scheme, province.code, province.level), (Scheme.LEGACY, "67", Level.PROVINCE))
        self.assertTrue(AdminUnit.objects.filter(path__under=province.path, level=Level.COMMUNE).exists())

    def test_a_present_province_is_reused_as_it_is(self) -> None:
        first = legacy_province("67")
        units = AdminUnit.objects.count()
        self.assertEqual(legacy_province("67"), first)
        self.assertEqual(AdminUnit.objects.count(), units)
