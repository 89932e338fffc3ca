"""A self-assessment is a hot path: a province's places submit thousands a day. Submitting one
whose state does not change costs a fixed number of queries: the token, the place, its owner,
the criteria set, the place locked, the assessment and its audit entry, the place's new state
and its audit entry (with the row before) — and nothing for the map, whose cell stays."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from testing import SAFE_ANSWERS, OwnedPlaceTestCase


class SubmissionQueryTests(OwnedPlaceTestCase):
    def submit(self, headers: dict[str, str]) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            response = self.client.post(
                f"/api/v1/establishments/{self.place.pk}/assessments",
                json.dumps({"criteria_set": "test-set", "answers": SAFE_ANSWERS}),
                content_type="application/json",
                headers=headers,
            )
        self.assertEqual(response.status_code, 201, response.content)
        # Savepoints are the transaction itself (a BEGIN outside the test's own transaction).
        return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]

    def test_an_unchanged_state_costs_few_queries(self) -> None:
        headers = self.api_headers(self.owner)
        self.submit(headers)  # the place becomes safe
        queries = self.submit(headers)  # and stays safe
        self.assertLessEqual(len(queries), 10, "\n".join(queries))
        self.assertFalse([q for q in queries if "safety_mapcell" in q or "safety_unitstatecount" in q])
        self.assertEqual(sum('accounts_user" INNER JOIN "safety_establishment_owners' in q for q in queries), 1)
