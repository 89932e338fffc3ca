"""Schemathesis against the served OpenAPI document, in process through the WSGI app,
anonymously and with an officer's token: no server error and no response that differs from its
documented schema. Bounded (a few examples per operation) so it takes well under 90 seconds;
run once, on SQLite — the document is the same on every database.

`pytest -m schemathesis -s` runs it alone and prints the counts.
"""

import time
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from testing import SafetyTestCase, make_place
from testing.suite_report import note

EXAMPLES = 5  # per operation and caller
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.mark.schemathesis
@pytest.mark.skipif(connection.vendor != "sqlite", reason="fuzzed once, on SQLite: the schema is the same everywhere")
class ApiSchemaFuzzTests(SafetyTestCase):
    def test_the_api_answers_as_documented(self) -> None:
        make_place(self.commune_a, "Chợ Đức Mạnh")
        app = get_wsgi_application()
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        callers = {"anonymous": {}, "officer": self.api_headers(self.district_officer)}
        cases: Counter[str] = Counter()
        failures: list[str] = []
        started = time.monotonic()
        for result in schema.get_all_operations():
            operation = result.ok()
            for caller, headers in callers.items():
                self._fuzz(operation, app, caller, headers, cases, failures)
        seconds = time.monotonic() - started
        note(
            f"schemathesis: {cases['anonymous']} cases anonymous, {cases['officer']} with an officer's token, "
            f"{len(failures)} failures, {seconds:.1f} s"
        )
        print("\n".join(failures))
        self.assertEqual(failures, [])

    def _fuzz(
        self, operation: Any, app: Any, caller: str, headers: dict[str, str], cases: Counter[str], failures: list[str]
    ) -> None:
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def probe(case: Any) -> None:
            cases[caller] += 1
            response = case.call(app=app, headers=headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except (Failure, FailureGroup) as failure:  # every failure is reported, not only the first
                found = failure.exceptions if isinstance(failure, FailureGroup) else [failure]
                first = "; ".join(sorted({getattr(f, "title", type(f).__name__) for f in found}))
                failures.append(
                    f"{caller} {operation.method.upper()} {operation.path} → {response.status_code}: {first}"
                )

        probe()
