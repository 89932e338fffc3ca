"""The outreach demo: activities on the demo letter, loaded once."""

import json
from pathlib import Path

from django.conf import settings

from directives.tests.base import DirectiveTestCase
from outreach.demo import load_demo
from outreach.models import Activity, VillageReach
from territory.organisations import load_organisations

NAMED = Path(settings.BASE_DIR) / "demo" / "data" / "dak_nong_organisations.json"


class DemoTests(DirectiveTestCase):
    def test_loads_once(self) -> None:
        load_organisations(self.province, json.loads(NAMED.read_text(encoding="utf-8"))["organisations"])
        self.assertIn("activities reported", load_demo(self.province))
        count = Activity.objects.count()
        self.assertGreaterEqual(count, 5)
        self.assertTrue(VillageReach.objects.exists())
        self.assertIn("already", load_demo(self.province))
        self.assertEqual(Activity.objects.count(), count)
