"""A crawl through every demo user's navigation on a 360 px phone (the narrowest in use), in
Debian's Chromium: every page opens (no 403, 404 or 5xx), none scrolls sideways, no raw code of
our own enums and no English of our own catalogue shows on a Vietnamese page, and every public
page weighs at most 300 KB as served compressed."""

import gettext
import gzip
import re
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import models
from django.test import Client, override_settings

from accounts.models import User
from testing import suite_report
from testing.browser import BROWSER_TEST, chromium

USERS = ["admin", "province", "district", "commune", "inspector", "press", "owner", None]
PUBLIC_BUDGET = 300 * 1024
PHONE_WIDTH = 360
NO_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # nothing listens: map tiles fail at once, weigh nothing
SKIPPED = ("/api/", "/admin/", "/static/", "/media/", "/logout/", "/i18n/")
PROJECT_APPS = {"accounts", "safety", "inspections", "enforcement", "zones", "directives", "outreach", "readiness"}

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
# The page's own words, shown or read out (text, placeholders, labels, titles, alt texts), but not
# the language switch (lang="en"), scripts or code samples.
VIETNAMESE_TEXT = """() => {
    const skipped = 'body [lang]:not([lang="vi"]), script, style, code, pre, noscript';
    const words = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        if (!walker.currentNode.parentElement.closest(skipped)) words.push(walker.currentNode.nodeValue);
    }
    for (const el of document.body.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
        if (el.closest(skipped)) continue;
        for (const name of ["placeholder", "aria-label", "title", "alt"]) words.push(el.getAttribute(name) || "");
    }
    return words.join(" ").replace(/\\s+/g, " ");
}"""

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


def english_phrases() -> re.Pattern[str]:
    """Our own English, as it would show untranslated: every msgid of the Vietnamese catalogue
    whose translation differs (a format string's fixed parts, each of at least one 3-letter
    word), matched as whole words and case-sensitively."""
    with CATALOGUE.open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    phrases = set()
    for msgid, msgstr in catalogue.items():
        source = msgid[0] if isinstance(msgid, tuple) else msgid
        if not source or msgstr == source:
            continue
        for part in re.split(r"%\(\w+\)[sdf]|%[sdf]|\{[^}]*\}", source):
            part = part.strip(" .,:;·—-()“”\"'")
            if re.search(r"[A-Za-z]{3}", part):
                phrases.add(part)
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def untranslated(page: Any, phrases: re.Pattern[str]) -> list[str]:
    return sorted(set(phrases.findall(page.evaluate(VIETNAMESE_TEXT))))


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    with chromium(monkeypatch) as opened:
        yield opened


def navigation_links(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all("nav a[href]", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.split("#")[0] for h in hrefs if h.startswith("/") and not h.startswith(SKIPPED)})


@override_settings(MAP_TILE_URL=NO_TILES)
def test_every_page_of_every_demo_user_fits_a_phone(live_server: Any, browser: Any) -> None:
    started = time.monotonic()
    cache.clear()
    call_command("load_demo", stdout=StringIO())
    loaded = time.monotonic() - started
    codes = raw_codes()
    english = english_phrases()
    problems: list[str] = []
    visited: dict[str, int] = {}
    for username in USERS:
        context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
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

        if username is None:  # only public pages have a budget: weighing every answer costs seconds
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
            words = untranslated(page, english)
            if words:
                problems.append(f"{who} {link}: untranslated {words[:5]}")
            if username is None and sum(weights.values()) > PUBLIC_BUDGET:
                problems.append(f"{who} {link}: {sum(weights.values()) // 1024} KB compressed")
        if username is None:
            switched_to_english(page, english, problems)
        context.close()
    took = time.monotonic() - started
    suite_report.note(
        f"crawl: {sum(visited.values())} pages of {len(USERS)} users at {PHONE_WIDTH} px in {took:.0f} s, "
        f"{loaded:.0f} s of it loading the demo"
    )
    assert not problems, "\n".join(problems)
    assert visited["district"] >= 10 and visited["public"] >= 5, visited


def switched_to_english(page: Any, english: re.Pattern[str], problems: list[str]) -> None:
    """The check can fail: the same page in English is full of the catalogue's phrases."""
    with page.expect_navigation():  # the button sits in the collapsed menu of a phone
        page.eval_on_selector("nav button[name=language][value=en]", "button => button.form.requestSubmit(button)")
    if len(untranslated(page, english)) < 5:
        problems.append(f"the untranslated check found {untranslated(page, english)} on {page.url} in English")
