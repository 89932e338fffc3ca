"""The load test drives a live server with the public mix and owners' submissions, and refuses
any server that is not on this machine."""

import asyncio

from django.core.management import CommandError, call_command
from django.test import LiveServerTestCase

from bench import loadtest
from bench import safety as bench
from safety.models import Assessment, Establishment
from territory.loader import load_units
from territory.models import AdminUnit, Scheme


class LoadTestTests(LiveServerTestCase):
    def test_refuses_a_server_elsewhere(self) -> None:
        with self.assertRaisesMessage(CommandError, "only runs against http:// on this machine"):
            call_command("loadtest", "--url", "http://phongdich.example.vn", "--duration", "1")

    def test_refuses_a_database_without_bench_places(self) -> None:
        with self.assertRaisesMessage(CommandError, "bench_province"):
            call_command("loadtest", "--url", self.live_server_url, "--duration", "1")

    def test_a_short_run_reads_and_submits_without_errors(self) -> None:
        load_units(Scheme.LEGACY, ["67"])
        criteria_set, _district = bench.prepare(beside_demo=True)
        province = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="67")
        bench.grow_registry(40, criteria_set, 2, under=province)
        self.assertEqual(Establishment.objects.filter(unit_path__under=province.path).count(), 40)
        before = Assessment.objects.count()
        plan = loadtest.prepare("public")
        # One user: the live server's threads share the test's single SQLite connection.
        for _ in range(3):  # the server's first answers load translations and unit data
            self.client.get("/map/")
            self.client.get("/api/v1/public/places", {"bbox": plan.boxes[14], "zoom": "14"})
        results = asyncio.run(loadtest.run(self.live_server_url, plan, users=1, duration=1.5, max_requests=60, think=0))
        summary = results.summary()
        self.assertGreater(summary["requests"], 10, summary)
        self.assertEqual(summary["errors"], 0, summary["statuses"])
        submitted = summary["by_call"].get("submit assessment", {}).get("requests", 0)
        self.assertEqual(Assessment.objects.count() - before, submitted)
