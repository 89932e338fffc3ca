"""Signing in through a real browser: Debian's Chromium driven by Playwright against the live server.

Playwright cannot download its own browsers here, so the tests use /usr/bin/chromium
(`apt-get install chromium`) and are skipped when it is missing.
"""

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from accounts.models import Role
from territory.loader import load_units
from territory.models import AdminUnit, Scheme
from testing import PASSWORD, make_user
from testing.browser import BROWSER_TEST, page_fixture

SCREENSHOT = Path("/tmp/commune-page.png")  # noqa: S108 - a fixed place to look at after a run
USERNAME = "commune"
# The login form's own button: the navbar's language switch is also a form with a submit button.
LOGIN_BUTTON = "main form button[type=submit]"

pytestmark = BROWSER_TEST


@pytest.fixture
def commune(live_server: Any) -> AdminUnit:
    """An officer of the first commune of huyện Đắk Mil (Đắk Nông), who signs in as USERNAME."""
    cache.clear()  # login throttling counters live in the cache (Redis in CI) and must not carry over
    load_units(Scheme.LEGACY, ["67"])
    unit = AdminUnit.objects.filter(scheme=Scheme.LEGACY, parent__code="663").order_by("code").first()
    assert unit is not None
    make_user(USERNAME, Role.OFFICER, unit)
    return unit


page = page_fixture(1280, 900)


def sign_in(page: Any, base_url: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click(LOGIN_BUTTON)


def test_officer_signs_in_and_lands_on_their_commune(live_server: Any, commune: AdminUnit, page: Any) -> None:
    sign_in(page, live_server.url, PASSWORD)

    page.wait_for_url(f"{live_server.url}/units/{commune.scheme}/{commune.code}/")
    heading = page.locator("[data-testid=unit-name]")
    assert heading.inner_text().strip() == commune.name
    assert not commune.name.isascii()  # the name keeps its diacritics all the way to the page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("[data-testid=current-user]").inner_text().strip() == USERNAME
    # The stylesheets were served and applied: the navbar has its dark green.
    navbar_colour = page.locator("nav.navbar").evaluate("el => getComputedStyle(el).backgroundColor")
    assert navbar_colour == "rgb(20, 108, 67)", navbar_colour
    page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_wrong_password_shows_an_error_and_stays_on_the_login_page(
    live_server: Any, commune: AdminUnit, page: Any
) -> None:
    sign_in(page, live_server.url, PASSWORD + "-wrong")

    assert page.url.split("?")[0] == f"{live_server.url}/login/"
    error = page.locator("main form .alert-danger")
    assert error.count() == 1
    assert error.inner_text().strip()
    assert page.locator("input[name=username]").input_value() == USERNAME
    assert page.locator("input[name=password]").input_value() == ""
    assert page.locator("[data-testid=current-user]").count() == 0
