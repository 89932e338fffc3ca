"""Browser tests: Debian's Chromium driven by Playwright against the live server.

Playwright cannot download its own browsers here, so the tests use /usr/bin/chromium
(`apt-get install chromium`) and are skipped when it is missing. A live server reads the data
from another thread, so the tests run on a transactional database.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# axe-core from the npm registry, installed by `make install` (testing/axe/package-lock.json).
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_REPORT = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))
}))"""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A browser test module's `pytestmark`.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"),
]


@contextmanager
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless Chromium, closed afterwards."""
    # Playwright's sync API keeps an event loop running in this thread; without this Django
    # refuses ORM calls made while the browser is open (SynchronousOnlyOperation).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browser_page(monkeypatch: pytest.MonkeyPatch, width: int, height: int) -> Iterator[Any]:
    """A fresh page of a headless Chromium with this viewport, closed afterwards."""
    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()


def page_fixture(width: int, height: int) -> Any:
    """A browser test module's `page` fixture (`page = page_fixture(…)`): a fresh page of this
    viewport for each test."""

    @pytest.fixture(name="page")
    def page(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
        with browser_page(monkeypatch, width, height) as opened:
            yield opened

    return page


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now: rule id, impact, help and the elements."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make install` installs it (npm ci --prefix testing/axe)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the driver: no inline script for the CSP
    return list(page.evaluate(AXE_REPORT))
