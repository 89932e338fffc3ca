"""The portal benchmark refuses a database holding citizens' reports that are not its own."""

from bench import portal as bench
from portal.tests.base import ReportTestCase


class BenchmarkPortalTests(ReportTestCase):
    def test_refuses_a_database_with_real_reports(self) -> None:
        self.submit()
        with self.assertRaises(bench.NotAScratchDatabase):
            bench.prepare()
