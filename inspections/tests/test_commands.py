"""The loading commands are idempotent."""

import io

from django.core.management import call_command

from enforcement.models import ViolationType
from inspections.models import Checklist
from testing import JurisdictionTestCase


class CommandTests(JurisdictionTestCase):
    def test_load_twice(self) -> None:
        out = io.StringIO()
        call_command("load_unit_checklists", stdout=out)
        call_command("load_violation_types", stdout=out)
        counts = (Checklist.objects.count(), ViolationType.objects.count())
        self.assertEqual(counts, (2, 6))
        call_command("load_unit_checklists", stdout=out)
        call_command("load_violation_types", stdout=out)
        self.assertEqual((Checklist.objects.count(), ViolationType.objects.count()), counts)
        self.assertIn("0 checklists created", out.getvalue())
