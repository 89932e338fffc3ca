"""The demo: inspections at every level and a screening campaign, loaded once."""

from inspections.demo import load_demo
from inspections.models import Inspection, InspectionPlan, Outcome, ScreeningCampaign, ScreeningDay
from testing import add_village

from .base import InspectionTestCase


class DemoTests(InspectionTestCase):
    def test_every_level_and_idempotent(self) -> None:
        add_village(self.commune_a, 2, "Bon Jun Jưh")
        add_village(self.commune_a, 3, "Thôn 3")
        summary = load_demo(self.province)
        self.assertTrue(summary.startswith("Inspections:"))
        levels = set(Inspection.objects.values_list("unit__level", "target_level").distinct())
        self.assertTrue({("province", "district"), ("district", "commune"), ("commune", "village")} <= levels)
        self.assertIn(("district", "place"), levels)  # the test places of Đắk Mil
        self.assertTrue(
            Inspection.objects.filter(outcome=Outcome.NEEDS_FIXES, follow_up_closed_on__isnull=False).exists()
        )
        self.assertTrue(Inspection.objects.filter(outcome=Outcome.VIOLATION).exists())
        campaign = ScreeningCampaign.objects.get()
        self.assertEqual(campaign.unit, self.commune_a)
        self.assertTrue(ScreeningDay.objects.filter(campaign=campaign).exists())
        counts = (InspectionPlan.objects.count(), Inspection.objects.count(), ScreeningDay.objects.count())
        self.assertEqual(load_demo(self.province), "Inspections: demo already loaded.")
        self.assertEqual(
            counts, (InspectionPlan.objects.count(), Inspection.objects.count(), ScreeningDay.objects.count())
        )
