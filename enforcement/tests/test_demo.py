"""The demo: published violations, one of them by a state official; loaded once."""

from enforcement.demo import load_demo
from enforcement.models import Violation, ViolationStatus
from inspections.demo import load_demo as load_inspections

from .base import ViolationTestCase


class DemoTests(ViolationTestCase):
    def test_published_violations_an_official_among_them_and_idempotent(self) -> None:
        load_inspections(self.province)
        summary = load_demo(self.province)
        self.assertTrue(summary.startswith("Enforcement:"))
        published = Violation.objects.filter(status=ViolationStatus.PUBLISHED)
        self.assertEqual(published.filter(is_official=True).count(), 1)
        self.assertTrue(published.filter(offender_kind="place", inspection__isnull=False).exists())
        self.assertEqual(set(Violation.objects.values_list("status", flat=True)), set(ViolationStatus.values))
        public = self.api_get(None, "/api/v1/public/violations").json()
        self.assertEqual(public["count"], published.count())
        self.assertTrue(any(item["is_official"] and item["position"] for item in public["items"]))
        count = Violation.objects.count()
        self.assertEqual(load_demo(self.province), "Enforcement: demo already loaded.")
        self.assertEqual(Violation.objects.count(), count)
