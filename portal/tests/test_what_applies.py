""" "What applies where I am": search without diacritics, a unit's level and measures (zones
included), its places by state and the nearest safe places of a type; a position outside the
province is refused plainly."""

from decimal import Decimal

from safety.models import PublicState
from testing import make_place
from zones.tests.base import make_zone

from .base import PublicPagesTestCase


class WhatAppliesTests(PublicPagesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        lat, lon = cls.commune_a.latitude, cls.commune_a.longitude
        assert lat is not None and lon is not None
        near = make_place(cls.commune_a, "Chợ gần", latitude=lat + Decimal("0.01"), longitude=lon)
        far = make_place(cls.commune_b, "Chợ xa", latitude=lat + Decimal("0.1"), longitude=lon)
        unsafe = make_place(cls.commune_a, "Chợ nguy cơ", latitude=lat, longitude=lon)
        make_place(cls.commune_a, "Siêu thị an toàn", type_code="supermarket", latitude=lat, longitude=lon)
        for place, state in ((near, PublicState.SAFE), (far, PublicState.SAFE), (unsafe, PublicState.UNSAFE)):
            place.state = state
            place.save()

    def test_search_ignores_diacritics(self) -> None:
        name = self.commune_a.name.split(" ", 1)[1]
        plain = name.replace("Đ", "D").replace("ắ", "a").replace("ă", "a")
        response = self.client.get("/", {"q": plain.lower()})
        self.assertContains(response, f'href="?unit={self.commune_a.code}"')
        self.assertContains(self.client.get("/", {"q": "cho gan"}), "Chợ gần")

    def test_level_measures_zone_and_nearest_safe_places_of_a_type(self) -> None:
        make_zone(self.district_officer, [self.commune_a], name="Giãn cách xã A")
        response = self.client.get("/", {"unit": self.commune_a.code, "type": "market"})
        self.assertContains(response, "Nguy cơ rất cao")
        self.assertContains(response, "Giãn cách xã A")
        self.assertContains(response, 'data-testid="measures"')
        nearest = response.content.decode().split('data-testid="nearest"')[1].split("</ul>")[0]
        self.assertLess(nearest.index("Chợ gần"), nearest.index("Chợ xa"))
        self.assertNotIn("Chợ nguy cơ", nearest)
        self.assertNotIn("Siêu thị", nearest)

    def test_a_shared_position_gives_the_commune(self) -> None:
        response = self.client.get("/", {"lat": str(self.commune_a.latitude), "lon": str(self.commune_a.longitude)})
        self.assertContains(response, f'<h3 class="h5">{self.commune_a.name}</h3>', html=False)

    def test_outside_the_province_or_unknown_unit_is_said_plainly(self) -> None:
        response = self.client.get("/", {"lat": "21.03", "lon": "105.85"})
        self.assertContains(response, "nằm ngoài", status_code=400)
        response = self.client.get("/", {"unit": "nope"})
        self.assertContains(response, "Không có xã, thôn nào có mã nope", status_code=400)
