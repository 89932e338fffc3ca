"""axe-core (from the npm registry, see testing/axe/) run in Debian's Chromium on the pages people
open first, with the demo loaded: the public pages, the login page, the self-assessment form
and each demo user's home. None may have a critical or serious violation; the counts of every
impact are printed at the end of the run."""

from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from safety.models import Establishment, Registration
from testing import suite_report
from testing.browser import BROWSER_TEST, axe_violations, browser_page

pytestmark = BROWSER_TEST

USERS = ["admin", "province", "district", "commune", "inspector", "press", "owner"]
BLOCKING = {"critical", "serious"}
# Wide enough for the navigation bar to show its links, and a phone, whose bar is collapsed.
WIDTHS = (1280, 390)


def sign_in(page: Any, base_url: str, username: str | None) -> None:
    page.context.clear_cookies()
    if username is None:
        return
    client = Client()
    client.force_login(User.objects.get(username=username))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def pages_to_check() -> list[tuple[str | None, str]]:
    """(who, path): the public pages, the login page, an owned place's self-assessment form and
    every demo user's home."""
    owner = User.objects.get(username="owner")
    place = Establishment.objects.filter(owners=owner, registration=Registration.ACCEPTED).order_by("pk")
    assessable = next(p for p in place.select_related("type") if p.type.criteria_set_code)
    public = Establishment.objects.filter(registration=Registration.ACCEPTED, assessed_at__isnull=False).first()
    assert public is not None
    return [
        (None, "/"),
        (None, "/map/"),
        (None, f"/p/{public.public_code}"),
        (None, "/levels/"),
        (None, "/violations/"),
        (None, "/permits/check/"),
        (None, "/login/"),
        ("owner", f"/places/{assessable.pk}/assess/"),
        *((username, "/") for username in USERS),
    ]


def test_first_pages_have_no_serious_accessibility_violation(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.clear()
    call_command("load_demo", stdout=StringIO())
    checks = pages_to_check()
    impacts: Counter[str] = Counter()
    problems: list[str] = []
    for width in WIDTHS:
        with browser_page(monkeypatch, width, 900) as page:
            for who, path in checks:
                sign_in(page, live_server.url, who)
                response = page.goto(f"{live_server.url}{path}")
                assert response is not None and response.status < 400, (who, path, response and response.status)
                for violation in axe_violations(page):
                    impacts[violation["impact"]] += 1
                    if violation["impact"] in BLOCKING:
                        where = ", ".join(violation["nodes"][:3])
                        problems.append(
                            f"{width}px {who or 'public'} {path}: {violation['impact']} {violation['id']} "
                            f"({violation['help']}) at {where}"
                        )
    suite_report.note(
        f"axe-core on {len(checks)} pages at {' and '.join(f'{w} px' for w in WIDTHS)}: "
        + ", ".join(f"{impacts[i]} {i}" for i in ("critical", "serious", "moderate", "minor"))
    )
    assert not problems, "\n".join(problems)
