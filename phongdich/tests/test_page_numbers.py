"""?page= far past the last page is an empty page or a 404 on every page and endpoint, for the
public and for an administrator who sees everything; never a server error."""

import time

from django.test import Client

from testing import JurisdictionTestCase
from testing.routes import all_routes, plain_path
from testing.suite_report import note

HUGE = "99999999999999999999"
SKIPPED = ("admin/", "logout/", "i18n/")


class PageNumberTests(JurisdictionTestCase):
    def test_no_page_number_is_a_server_error(self) -> None:
        paths = sorted(
            path for route in all_routes() if (path := plain_path(route)) and not path.lstrip("/").startswith(SKIPPED)
        )
        started = time.monotonic()
        failures = []
        for client in (Client(), self.client_for(self.admin)):
            for path in paths:
                status = client.get(path, {"page": HUGE, "page_size": HUGE}).status_code
                if status >= 500:
                    failures.append((path, status))
        note(f"page numbers: {len(paths) * 2} probes in {time.monotonic() - started:.1f} s")
        self.assertEqual(failures, [])
