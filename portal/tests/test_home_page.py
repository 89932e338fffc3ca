"""The public home page: levels by commune with legend and date, places by state, the latest
documents, violations and answers, hotlines; light, cached and refreshed by the writes."""

import gzip
from pathlib import Path

from django.contrib.staticfiles import finders

from portal import actions
from testing import make_place
from zones.tests.base import make_zone

from .base import PublicPagesTestCase

PAGE_BUDGET = 300 * 1024


class HomePageTests(PublicPagesTestCase):
    def test_levels_by_commune_with_legend_and_date(self) -> None:
        response = self.client.get("/")
        self.assertContains(response, "Đắk Nông")
        self.assertEqual(response.content.count(b"</title></circle>"), 71)  # a dot per commune, named
        self.assertContains(response, "Nguy cơ rất cao")
        self.assertContains(response, "Tính đến ngày")
        self.assertContains(response, "1900 9095")
        self.assertContains(response, "/phan-anh/gui/")

    def test_places_and_latest_answers(self) -> None:
        make_place(self.commune_a, "Chợ Đắk Lao")
        report = actions.submit_report(
            {
                "category": "gathering",
                "text": "Tụ tập đông người ở chợ xã, không đeo khẩu trang.",
                "unit": self.commune_a.code,
            },
            client=actions.abuse.Client(address="10.1.1.1"),
        )
        actions.accept_report(report, self.officer_a, "Tụ tập đông người ở chợ xã.")
        response = self.client.get("/")
        self.assertContains(response, '<tr data-state="not_assessed"><td>', count=1)
        self.assertContains(response, "Tụ tập đông người ở chợ xã.")
        self.assertNotContains(response, "không đeo khẩu trang")

    def test_cached_and_refreshed_when_a_zone_is_declared(self) -> None:
        first = self.client.get("/")
        self.assertEqual(self.client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code, 304)
        make_zone(self.district_officer, [self.commune_b], name="Phong tỏa thôn 1")
        self.assertEqual(self.client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code, 200)

    def test_light_enough_for_a_cheap_phone(self) -> None:
        html = self.client.get("/").content
        own = [Path(finders.find(n)).read_bytes() for n in ("portal/home.js", "portal/portal.css", "css/phongdich.css")]  # type: ignore[arg-type]
        self.assertLess(len(html) + sum(map(len, own)), 60 * 1024)
        shared = [
            Path(finders.find(n)).read_bytes()  # type: ignore[arg-type]
            for n in (
                "bootstrap/css/bootstrap.min.css",
                "bootstrap/js/bootstrap.bundle.min.js",
                "django_htmx/htmx-2.min.js",
            )
        ]
        sent = sum(len(gzip.compress(body)) for body in [html, *own, *shared])
        self.assertLess(sent, PAGE_BUDGET)

    def test_officers_still_land_on_their_jurisdiction(self) -> None:
        response = self.client_for(self.officer_a).get("/")
        self.assertEqual(response.status_code, 302)
