"""The benchmark runs end to end on a small size and refuses a database with real records."""

from bench import inspections as bench
from enforcement.models import Violation
from inspections.models import Inspection
from inspections.tests.base import InspectionTestCase
from safety.models import Establishment


class BenchmarkTests(InspectionTestCase):
    def test_refuses_a_database_with_real_places(self) -> None:
        with self.assertRaises(bench.NotAScratchDatabase):
            bench.run([10], repeat=1)  # the test places are not bench places

    def test_a_small_run(self) -> None:
        Establishment.objects.all().delete()
        bench.PLACES, saved = 300, bench.PLACES
        try:
            results = bench.run([100], repeat=1)
        finally:
            bench.PLACES = saved
        self.assertEqual(Violation.objects.count(), 100)
        self.assertEqual(Inspection.objects.count(), 200)
        self.assertIn("coverage page, province, last 30 days @ 100", results)
        self.assertTrue(all(ms > 0 for ms in results.values()))
