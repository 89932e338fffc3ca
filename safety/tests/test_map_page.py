"""The public map page (/map/): Leaflet from the package, tiles from settings, a legend of the four
states, filters, a list of places that works without JavaScript or tiles, and a small page."""

import re
from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from safety import clusters
from safety.models import OperatingStatus, PublicState, Registration
from testing import SafetyTestCase, add_markets, make_place

PAGE_BUDGET = 300 * 1024  # no public page over 300 KB; Leaflet and Bootstrap are the shared cost


class MapPageTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.market = make_place(self.commune_a, "Chợ Đức Mạnh", latitude=Decimal("12.44"), longitude=Decimal("107.63"))
        self.restaurant = make_place(
            self.commune_b,
            "Quán <script>alert(1)</script>",
            "restaurant",
            state=PublicState.SAFE,
            status=OperatingStatus.SUSPENDED,
            latitude=Decimal("12.45"),
            longitude=Decimal("107.64"),
        )
        make_place(self.commune_a, "Chợ chờ duyệt", registration=Registration.PENDING)
        make_place(self.commune_a, "Chợ đã đóng", status=OperatingStatus.CLOSED)

    def listed(self, **params: str) -> list[str]:
        response = self.client.get("/map/", params)
        block = response.content.decode().split('data-testid="place-list"', 1)
        return re.findall(r'class="fw-semibold">([^<]*)</a>', block[1]) if len(block) > 1 else []


class MapPageTests(MapPageTestCase):
    def test_anyone_gets_the_map_with_leaflet_from_the_package_and_the_configured_tiles(self) -> None:
        with override_settings(MAP_TILE_URL="https://tiles.example.vn/{z}/{x}/{y}.png"):
            response = self.client.get(reverse("safety:map"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/static/leaflet/leaflet.js")
        self.assertContains(response, "/static/leaflet/leaflet.css")
        self.assertContains(response, "/static/js/safety-map.js")
        self.assertContains(response, 'data-tiles="https://tiles.example.vn/{z}/{x}/{y}.png"')
        self.assertContains(response, 'data-api="/api/v1/public/places"')
        self.assertContains(response, 'data-search-api="/api/v1/public/places/search"')
        self.assertNotContains(response, "cdn")

    def test_the_legend_shows_the_four_states_in_their_colours(self) -> None:
        content = self.client.get("/map/").content.decode()
        legend = re.findall(r'<li class="list-inline-item" data-state="(\w+)" data-colour="(#\w+)">', content)
        self.assertEqual(
            legend, [("safe", "#198754"), ("at_risk", "#fd7e14"), ("unsafe", "#dc3545"), ("not_assessed", "#6c757d")]
        )

    def test_the_list_below_the_map_shows_public_places_only_with_names_escaped(self) -> None:
        self.assertEqual(self.listed(), ["Chợ Đức Mạnh", "Quán &lt;script&gt;alert(1)&lt;/script&gt;"])
        response = self.client.get("/map/")
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, f'href="/p/{self.market.public_code}"')

    def test_filters_by_type_state_unit_and_search_apply_to_the_list(self) -> None:
        self.assertEqual(self.listed(type="market"), ["Chợ Đức Mạnh"])
        self.assertEqual(self.listed(state="safe"), ["Quán &lt;script&gt;alert(1)&lt;/script&gt;"])
        self.assertEqual(self.listed(unit=self.commune_a.code), ["Chợ Đức Mạnh"])
        self.assertEqual(self.listed(unit=self.other_district.code), [])
        self.assertEqual(self.listed(q="DUC MANH"), ["Chợ Đức Mạnh"])
        response = self.client.get("/map/", {"type": "market", "unit": self.commune_a.code})
        self.assertContains(response, 'data-type="market"')
        self.assertContains(response, f'data-unit="{self.commune_a.code}"')

    def test_a_bad_filter_is_reported_and_ignored(self) -> None:
        response = self.client.get("/map/", {"type": "casino", "state": "green"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-testid="filter-error"', count=2, status_code=400)
        self.assertEqual(self.listed(type="casino"), ["Chợ Đức Mạnh", "Quán &lt;script&gt;alert(1)&lt;/script&gt;"])

    def test_the_area_filter_offers_the_districts_and_communes_of_the_province(self) -> None:
        content = self.client.get("/map/").content.decode()
        options = re.findall(r'<option value="(\d+)"', content.split('id="f-unit"')[1].split("</select>")[0])
        self.assertIn(self.province.code, options)
        self.assertIn(self.district.code, options)
        self.assertIn(self.commune_b.code, options)
        self.assertEqual(len(options), 1 + 8 + 71)

    def test_the_list_is_paged(self) -> None:
        add_markets([self.commune_a] * 60, "Sạp {n:03d}")
        first = self.listed()
        self.assertEqual(len(first), 50)
        second = self.client.get("/map/", {"page": "2"})
        self.assertContains(second, "page=1")
        self.assertEqual(len(self.listed(page="2")), 12)
        self.assertFalse(set(first) & set(self.listed(page="2")))
        # The next page keeps the search.
        self.assertContains(self.client.get("/map/", {"q": "sap"}), 'href="?q=sap&amp;page=2#place-list"')
        self.assertEqual(self.client.get("/map/", {"page": "x"}).status_code, 200)

    def test_a_very_long_list_comes_newest_first(self) -> None:
        with mock.patch("safety.views.public.LIST_SORT_LIMIT", 1):
            response = self.client.get("/map/")
            self.assertContains(response, 'data-testid="newest-first"')
            self.assertEqual(self.listed(), ["Quán &lt;script&gt;alert(1)&lt;/script&gt;", "Chợ Đức Mạnh"])
            self.assertEqual(self.listed(type="market"), ["Chợ Đức Mạnh"])
        cache.clear()  # the patch changed the code, not the data: the cached page does not know
        self.assertNotContains(self.client.get("/map/"), 'data-testid="newest-first"')

    def test_the_map_opens_on_the_chosen_unit_or_on_every_place(self) -> None:
        response = self.client.get("/map/", {"unit": self.commune_a.code})
        self.assertContains(response, f'data-lat="{float(self.commune_a.latitude or 0):f}"')
        self.assertContains(response, 'data-zoom="13"')
        clusters.rebuild()
        self.assertContains(self.client.get("/map/"), 'data-bounds="12.4,107.6,12.5,107.7"')
        response = self.client.get("/map/", {"lat": "12.1", "lng": "107.2", "z": "15"})
        self.assertContains(response, 'data-lat="12.100000" data-lng="107.200000" data-zoom="15"')


class PageWeightTests(MapPageTestCase):
    def test_the_page_with_its_own_script_and_style_stays_small(self) -> None:
        html = self.client.get("/map/").content
        own = [Path(finders.find(name)).read_bytes() for name in ("js/safety-map.js", "css/safety-map.css")]  # type: ignore[arg-type]
        self.assertLess(len(own[0]), 16 * 1024)
        self.assertLess(len(html) + sum(map(len, own)), 60 * 1024)
        leaflet = [Path(finders.find(n)).stat().st_size for n in ("leaflet/leaflet.js", "leaflet/leaflet.css")]  # type: ignore[arg-type]
        self.assertLess(len(html) + sum(map(len, own)) + sum(leaflet), PAGE_BUDGET)

    def test_the_script_builds_markers_without_inner_html(self) -> None:
        script = Path(finders.find("js/safety-map.js")).read_text()  # type: ignore[arg-type]
        self.assertNotIn("innerHTML", script)
        self.assertNotIn("insertAdjacentHTML", script)
        self.assertIn("textContent", script)
