"""The audit trail speaks the page's language: field labels instead of column names, choices by
their label, linked records by name, times as dd/mm/yyyy HH:MM in the province's time zone —
never "status: pending → approved" or a UTC ISO timestamp."""

import re

from django.urls import reverse
from django.utils import timezone

from lib.acting import Actor, acting
from zones.actions.permits import approve_permit, register_permit
from zones.tests.base import ZonesTestCase, permit_input


class AuditTrailWordsTests(ZonesTestCase):
    def test_a_decided_permit_reads_in_words(self) -> None:
        permit = register_permit(permit_input(self.commune_a, self.commune_b), by=self.owner)
        with acting(Actor(source="web", user=self.officer_a)):
            permit = approve_permit(permit, by=self.officer_a)
        self.client.force_login(self.admin)
        page = self.client.get(reverse("audit:entries"), {"type": "zones.goodspermit", "id": str(permit.pk)})
        changes = re.findall(r'data-testid="change">(.*?)</div>', page.content.decode(), re.S)
        text = " | ".join(re.sub(r"<[^>]+>", "", c) for c in changes)
        self.assertIn("Trạng thái: Chờ phê duyệt → Đã phê duyệt", text)
        self.assertIn(f"Người ra quyết định: — → {self.officer_a}", text)
        local = timezone.localtime(permit.decided_at).strftime("%d/%m/%Y %H:%M")
        self.assertIn(f"→ {local}", text)
        self.assertNotIn("decided_at", text)
        self.assertNotRegex(text, r"\d{4}-\d{2}-\d{2}T")
