from portal.demo import load_demo
from portal.models import Report, ReportStatus

from .base import ReportTestCase


class DemoTests(ReportTestCase):
    def test_every_state_at_both_communes_one_escalated_one_answered(self) -> None:
        summary = load_demo(self.province, [self.commune_a, self.commune_b])
        self.assertIn("16", summary)
        for commune in (self.commune_a, self.commune_b):
            states = set(Report.objects.filter(unit=commune).values_list("status", flat=True))
            self.assertEqual(states, set(ReportStatus.values), commune)
        self.assertEqual(Report.objects.filter(escalated_to=self.district).count(), 1)
        self.assertTrue(Report.objects.filter(status=ReportStatus.ANSWERED).exclude(answer="").exists())
        self.assertEqual(load_demo(self.province, [self.commune_a, self.commune_b]), "Reports: demo already loaded.")
        self.assertEqual(Report.objects.count(), 16)
