"""The demo: weeks of case counts for Đắk Nông, communes at several levels, one zone on a village,
one permit — loaded once."""

from zones.demo import load_demo
from zones.models import CaseCount, DistancingZone, GoodsPermit, LevelChange, UnitLevel
from zones.permit_codes import sign, verify

from .base import ZonesTestCase


class ZonesDemoTests(ZonesTestCase):
    def test_loads_once_with_levels_a_zone_and_a_permit(self) -> None:
        summary = load_demo(self.province)
        self.assertIn("case counts", summary)
        self.assertGreater(CaseCount.objects.filter(is_demo=True).count(), 20)
        levels = set(
            UnitLevel.objects.filter(unit_path__under=self.province.path, unit__level="commune").values_list(
                "level__code", flat=True
            )
        )
        self.assertGreaterEqual(len(levels), 3)
        zone = DistancingZone.objects.active().get()
        self.assertEqual(zone.area.level, "village")
        permit = GoodsPermit.objects.get()
        self.assertEqual(verify(sign(permit)).result, "valid")
        self.assertGreater(LevelChange.objects.filter(unit=self.commune_a).count(), 1)  # a history to show
        counts = (CaseCount.objects.count(), DistancingZone.objects.count(), GoodsPermit.objects.count())
        again = load_demo(self.province)
        self.assertIn("already loaded", again)
        self.assertEqual(
            (CaseCount.objects.count(), DistancingZone.objects.count(), GoodsPermit.objects.count()), counts
        )
