"""The benchmark builds its synthetic province and times every read without an error."""

import json
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from bench import directives as bench
from directives.models import Directive
from outreach.models import Activity, Tally, VillageReach
from territory.models import Level, Organisation
from testing import make_unit


class BenchmarkTests(TestCase):
    def test_runs_on_a_small_size(self) -> None:
        with mock.patch.object(bench, "VILLAGES_PER_COMMUNE", 2), mock.patch.object(bench, "ACTIVITIES_PER_MONTH", 40):
            results = bench.run([60], repeat=1)
        self.assertEqual(Directive.objects.count(), 2)
        self.assertEqual(Activity.objects.count(), 60 + 2)  # and the two reported while timing
        self.assertEqual(sum(Tally.objects.values_list("activities", flat=True)), 62)
        self.assertTrue(VillageReach.objects.exists())
        self.assertIn("coverage page, province @ 60", results)
        self.assertIn("summary PDF @ 60", results)

    def test_the_command_prints_the_table_and_writes_the_report(self) -> None:
        out = StringIO()
        with (
            tempfile.TemporaryDirectory() as folder,
            mock.patch.object(bench, "VILLAGES_PER_COMMUNE", 2),
            mock.patch.object(bench, "ACTIVITIES_PER_MONTH", 40),
        ):
            output = Path(folder) / "report.json"
            call_command("benchmark_directives", sizes=[60], repeat=1, output=output, stdout=out)
            report = json.loads(output.read_text())
        self.assertEqual(report["sizes"]["60"]["counts"]["activities"], 60)
        self.assertIn("coverage page, province", report["sizes"]["60"]["ms"])
        self.assertIn("coverage page, province", out.getvalue())

    def test_refuses_a_database_with_real_directives(self) -> None:
        province = make_unit("99", Level.PROVINCE, "Tỉnh", "Thử", "Thử")
        issuer = Organisation.objects.create(code="99-so", name="Sở Thử", kind="department", unit=province)
        Directive.objects.create(
            issuer=issuer, symbol="ST", place="Thử", issuing_body="Sở", subject="x", signer_title="GĐ", signer_name="A"
        )
        with self.assertRaises(bench.NotAScratchDatabase):
            bench.prepare()
