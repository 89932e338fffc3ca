"""The demo: Đắk Nông declared, two communes of Đắk Mil with real gaps — loaded once."""

from accounts.models import Role
from readiness.demo import load_demo
from readiness.models import Drill, PeriodReport, PlanDocument, Stock, UnitGap, Verification
from testing import make_user

from .base import ReadinessTestCase


class ReadinessDemoTests(ReadinessTestCase):
    def test_two_communes_of_dak_mil_fall_short_and_loading_again_changes_nothing(self) -> None:
        make_user("commune", Role.OFFICER, self.commune_a)
        make_user("commune2", Role.OFFICER, self.commune_b)
        summary = load_demo(self.province)
        self.assertIn("2 communes of Đắk Mil short", summary)
        short = UnitGap.objects.filter(scenario__code="10-50", level="commune", kinds_short__gt=0)
        self.assertEqual(set(short.values_list("unit", flat=True)), {self.commune_a.pk, self.commune_b.pk})
        self.assertEqual(PlanDocument.objects.get().unit, self.district)
        self.assertEqual(Drill.objects.get().unit, self.commune_a)
        self.assertTrue(PeriodReport.objects.exists())
        verification = Verification.objects.get()
        self.assertEqual((verification.unit, verification.inspection.unit), (self.commune_a, self.district))
        self.assertEqual({line.kind.code for line in verification.flagged_lines}, {"khau-trang", "binh-phun-khu-khuan"})
        masks = self.gap(self.commune_a, "10-50").lines["khau-trang"]
        self.assertGreater(masks[3], 0)
        self.assertEqual(len(masks), 5)
        counts = (Stock.objects.count(), PeriodReport.objects.count())
        self.assertIn("already loaded", load_demo(self.province))
        self.assertEqual((Stock.objects.count(), PeriodReport.objects.count()), counts)
