"""A self-assessment is a hot path: a province's places submit thousands a day. Submitting one
whose state does not change costs four queries: the place locked for the submission (with
whether the user owns it and the number of its current criteria set, whose version the process
already holds), the assessment, the place's new state, and both audit entries in one statement
— nothing for the token, which the shared cache holds after its first use, and nothing for the
map, whose cell stays. A change of state adds one statement for the map cells and one for the
summary counts."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from safety.models import MapCell, UnitStateCount
from testing import SAFE_ANSWERS, UNSAFE_ANSWERS, OwnedPlaceTestCase


class SubmissionQueryTests(OwnedPlaceTestCase):
    def submit(self, headers: dict[str, str], answers: dict[str, object] = SAFE_ANSWERS) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            response = self.client.post(
                f"/api/v1/establishments/{self.place.pk}/assessments",
                json.dumps({"criteria_set": "test-set", "answers": answers}),
                content_type="application/json",
                headers=headers,
            )
        self.assertEqual(response.status_code, 201, response.content)
        # Savepoints are the transaction itself (a BEGIN outside the test's own transaction).
        return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]

    def test_an_unchanged_state_costs_four_queries(self) -> None:
        headers = self.api_headers(self.owner)
        self.submit(headers)  # the place becomes safe
        entries = AuditEntry.objects.count()
        queries = self.submit(headers)  # and stays safe
        self.assertLessEqual(len(queries), 4, "\n".join(queries))
        self.assertFalse([q for q in queries if "accounts_apitoken" in q], "the token is known")
        reads = [q for q in queries if q.startswith("SELECT") and 'FROM "safety_establishment"' in q]
        self.assertEqual(len(reads), 1, "the place is read once")
        if connection.features.has_select_for_update:
            self.assertIn("FOR UPDATE", reads[0], "and locked until the commit")
        self.assertFalse([q for q in queries if "safety_mapcell" in q or "safety_unitstatecount" in q])
        self.assertEqual(sum("safety_establishment_owners" in q for q in queries), 1)
        self.assertEqual(sum("safety_criteriaset" in q for q in queries), 1, "only the current set's number")
        self.assertEqual(sum(q.startswith("INSERT INTO") and "audit_auditentry" in q for q in queries), 1)
        self.assertEqual(AuditEntry.objects.count(), entries + 2, "the assessment and the place's new state")

    def test_a_change_of_state_adds_one_statement_for_cells_and_one_for_counts(self) -> None:
        headers = self.api_headers(self.owner)
        self.submit(headers)
        queries = self.submit(headers, UNSAFE_ANSWERS)
        self.assertEqual(sum("safety_mapcell" in q for q in queries), 1, "\n".join(queries))
        self.assertEqual(sum("safety_unitstatecount" in q for q in queries), 1)
        self.assertLessEqual(len(queries), 6)
        self.assertEqual(UnitStateCount.objects.get(unit_path=self.place.unit_path, state="unsafe").count, 1)
        self.assertEqual(UnitStateCount.objects.get(unit_path=self.place.unit_path, state="safe").count, 0)
        self.assertEqual(MapCell.objects.filter(state="unsafe", grid=0).get().count, 1)
