"""The demo letter: issued by Sở TT&TT as 125/STTTT-TTBCXB with its seven items, once."""

import json
from pathlib import Path

from django.conf import settings

from directives.demo import demo_directive, load_demo
from directives.models import Directive, IncomingDocument
from territory.organisations import load_organisations

from .base import DirectiveTestCase

NAMED = Path(settings.BASE_DIR) / "demo" / "data" / "dak_nong_organisations.json"


class DemoTests(DirectiveTestCase):
    def test_loads_the_seed_letter_once(self) -> None:
        load_organisations(self.province, json.loads(NAMED.read_text(encoding="utf-8"))["organisations"])
        first = load_demo(self.province)
        self.assertIn("125/STTTT-TTBCXB", first)
        directive = demo_directive(self.province)
        assert directive is not None
        self.assertEqual(directive.reference, "125/STTTT-TTBCXB")
        self.assertEqual(directive.items.count(), 7)
        self.assertEqual(
            sorted(directive.implements.values_list("number", flat=True)), ["2240/UBND-KGVX", "2245/UBND-KGVX"]
        )
        self.assertEqual(directive.recipient_groups.count(), 6)
        self.assertTrue(directive.is_public)
        self.assertTrue(directive.deliveries.filter(acknowledged_at__isnull=False).exists())
        self.assertIn("already", load_demo(self.province))
        self.assertEqual(Directive.objects.count(), 1)
        self.assertEqual(IncomingDocument.objects.count(), 2)
