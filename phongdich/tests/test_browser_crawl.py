"""A crawl through every demo user's navigation on a 390 px phone, in Debian's Chromium: every page
opens (no 403, 404 or 5xx), none scrolls sideways, no raw code of our own enums shows on a
Vietnamese page, and every public page weighs at most 300 KB as served compressed."""

import gzip
import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client

from accounts.models import User
from testing.browser import BROWSER_TEST, chromium

USERS = ["admin", "province", "district", "commune", "inspector", "press", "owner", None]
PUBLIC_BUDGET = 300 * 1024
SKIPPED = ("/api/", "/admin/", "/static/", "/media/", "/logout/", "/i18n/")
PROJECT_APPS = {"accounts", "safety", "inspections", "enforcement", "zones", "directives", "outreach", "readiness"}

pytestmark = BROWSER_TEST


def raw_codes() -> set[str]:
    """Stored values of the project's choices that are codes, not words (at_risk, not_assessed…)."""
    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.choices:
                codes |= {str(value) for value, _label in field.flatchoices if "_" in str(value)}
    return codes


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    with chromium(monkeypatch) as opened:
        yield opened


def navigation_links(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.split("#")[0] for h in hrefs if h.startswith("/") and not h.startswith(SKIPPED)})


def test_every_page_of_every_demo_user_fits_a_phone(live_server: Any, browser: Any) -> None:
    cache.clear()
    call_command("load_demo", stdout=StringIO())
    codes = raw_codes()
    problems: list[str] = []
    visited: dict[str, int] = {}
    for username in USERS:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        context.set_default_timeout(15_000)
        if username is not None:
            client = Client()
            client.force_login(User.objects.get(username=username))
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        page = context.new_page()
        weights: dict[str, int] = {}

        def weigh(response: Any, weights: dict[str, int] = weights) -> None:
            try:
                weights[response.url] = len(gzip.compress(response.body(), 6))
            except Exception:  # a redirect has no body to weigh
                weights[response.url] = 0

        page.on("response", weigh)
        page.goto(f"{live_server.url}/")
        who = username or "public"
        links = navigation_links(page)
        visited[who] = len(links)
        for link in links:
            weights.clear()
            response = page.goto(f"{live_server.url}{link}")
            status = response.status if response is not None else 0
            if status >= 400:
                problems.append(f"{who} {link}: {status}")
                continue
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wide > 1:
                problems.append(f"{who} {link}: {wide} px wider than the phone")
            text = page.inner_text("body")
            shown = sorted(code for code in codes if re.search(rf"(?<![\w/.-]){re.escape(code)}(?![\w/.-])", text))
            if shown:
                problems.append(f"{who} {link}: raw codes {shown[:5]}")
            if username is None and sum(weights.values()) > PUBLIC_BUDGET:
                problems.append(f"{who} {link}: {sum(weights.values()) // 1024} KB compressed")
        context.close()
    assert not problems, "\n".join(problems)
    assert visited["district"] >= 10 and visited["public"] >= 5, visited
