"""The public map in a real browser (Debian's Chromium through Playwright), with no tile server:
clusters and markers are still drawn, and a name holding markup shows as text in popups and in
search results.

A live server reads the data from another thread, so these are pytest tests on a transactional
database rather than SafetyTestCase classes; they are skipped when Chromium is missing.
"""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from safety.models import OperatingStatus, PublicState
from safety.types import load_establishment_types
from territory.loader import load_units
from territory.models import AdminUnit, Scheme
from testing import make_place
from testing.browser import BROWSER_TEST, page_fixture

NAME = "Quán <img src=x onerror=window.pwned=1> Đắk Mil"
SCREENSHOT = Path("/tmp/safety-map.png")  # noqa: S108 - a fixed place to look at after a run

pytestmark = BROWSER_TEST


@pytest.fixture
def places(settings: Any) -> None:
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # nothing listens: tiles never load
    load_units(Scheme.LEGACY, ["67"])
    load_establishment_types()
    commune = AdminUnit.objects.filter(scheme=Scheme.LEGACY, parent__code="663").order_by("code").first()
    assert commune is not None
    make_place(
        commune, NAME, "restaurant", latitude=Decimal("12.4401"), longitude=Decimal("107.6321"), state=PublicState.SAFE
    )
    make_place(
        commune,
        "Chợ Đức Mạnh",
        latitude=Decimal("12.4412"),
        longitude=Decimal("107.6333"),
        status=OperatingStatus.SUSPENDED,
    )


page = page_fixture(1000, 800)


def test_clusters_are_drawn_without_tiles(live_server: Any, places: None, page: Any) -> None:
    page.goto(f"{live_server.url}/map/?lat=12.44&lng=107.63&z=6")
    cluster = page.locator(".map-cluster")
    cluster.first.wait_for()
    assert cluster.count() == 1
    assert cluster.first.inner_text().strip() == "2"


def test_markers_and_popups_show_names_as_text(live_server: Any, places: None, page: Any) -> None:
    page.goto(f"{live_server.url}/map/?lat=12.4406&lng=107.6327&z=16")
    markers = page.locator("path.leaflet-interactive")
    markers.first.wait_for()
    assert markers.count() == 2
    colours = {markers.nth(i).get_attribute("fill") for i in range(2)}
    assert colours == {"#198754", "#6c757d"}
    page.locator("path.leaflet-interactive[fill='#198754']").click()
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for()
    assert link.inner_text() == NAME
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert page.evaluate("window.pwned") is None
    page.screenshot(path=str(SCREENSHOT))


def test_search_lists_places_and_shows_the_chosen_one(live_server: Any, places: None, page: Any) -> None:
    page.goto(f"{live_server.url}/map/?lat=12.0&lng=107.5&z=8")
    page.fill("#map-search", "QUAN")
    result = page.locator("#map-search-results button")
    result.first.wait_for()
    assert result.count() == 1
    assert NAME in result.first.inner_text()
    result.first.click()
    popup = page.locator(".leaflet-popup-content a").first
    popup.wait_for()
    assert popup.inner_text() == NAME
    assert page.evaluate("window.pwned") is None
