"""The readiness benchmark runs end to end on a small country and refuses a database with real figures."""

from unittest import mock

from bench import readiness as bench
from events.models import Site
from readiness import actions
from readiness.loader import load_readiness
from readiness.models import ResourceKind, Scenario, Stock, UnitGap
from testing import JurisdictionTestCase
from zones.models import CaseCount


class ReadinessBenchmarkTests(JurisdictionTestCase):
    def test_runs_on_a_small_size(self) -> None:
        with mock.patch.object(bench, "COMMUNES", 80):
            results = bench.run([50], repeat=1, load_country=False)
        self.assertEqual((ResourceKind.objects.count(), Scenario.objects.count()), (30, 5))
        self.assertTrue(Stock.objects.exists())
        self.assertEqual(UnitGap.objects.filter(level="commune", path__startswith="legacy/").count(), 80 * 5)
        self.assertEqual(Site.objects.count(), 50)
        self.assertIn("GET /api/v1/readiness/gaps for a province", results)
        self.assertIn("readiness page of a province, next scenario (the default)", results)
        self.assertTrue(CaseCount.objects.exists())
        self.assertIn("live board page of a province @ 50", results)

    def test_refuses_a_database_with_declared_figures(self) -> None:
        load_readiness()
        actions.declare(self.commune_a, self.officer_a, stocks={"xe-loa": actions.StockValue(1)})
        with self.assertRaises(bench.NotAScratchDatabase):
            bench.prepare(load_country=False)
