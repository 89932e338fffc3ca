"""GET /api/v1/public/places: the public map as GeoJSON — clusters by state at low zoom, places
at high zoom, filters, never pending or closed places, never more than a few hundred features."""

from decimal import Decimal
from typing import Any

from safety import clusters
from safety.models import OperatingStatus, PublicState, Registration
from safety.public import MAX_FEATURES
from testing import SafetyTestCase, add_markets, make_place

URL = "/api/v1/public/places"
WIDE = "107.0,11.5,108.5,13.0"  # Đắk Nông, on whole 0.5° cells
STATE_KEYS = {"safe", "at_risk", "unsafe", "not_assessed"}


class MapApiTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        a, b, other = self.commune_a, self.commune_b, self.other_commune
        self.market = make_place(a, "Chợ Đức Mạnh", latitude=Decimal("12.4401"), longitude=Decimal("107.6321"))
        self.safe = make_place(
            a,
            "Nhà hàng <b>Gió</b>",
            "restaurant",
            latitude=Decimal("12.4412"),
            longitude=Decimal("107.6333"),
            state=PublicState.SAFE,
        )
        self.suspended = make_place(
            b,
            "Siêu thị Đắk Mil",
            "supermarket",
            latitude=Decimal("12.4423"),
            longitude=Decimal("107.6345"),
            state=PublicState.AT_RISK,
            status=OperatingStatus.SUSPENDED,
        )
        self.far = make_place(
            other,
            "Chợ Krông Nô",
            latitude=Decimal("12.3201"),
            longitude=Decimal("107.9101"),
            state=PublicState.UNSAFE,
        )
        self.pending = make_place(
            a,
            "Quán chờ duyệt",
            latitude=Decimal("12.4405"),
            longitude=Decimal("107.6325"),
            registration=Registration.PENDING,
        )
        self.closed = make_place(
            a, "Chợ đã đóng", latitude=Decimal("12.4406"), longitude=Decimal("107.6326"), status=OperatingStatus.CLOSED
        )

    def features(self, expect: int = 200, **params: Any) -> list[dict[str, Any]]:
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, expect, response.content)
        body = response.json()
        self.assertEqual(body["type"], "FeatureCollection")
        return body["features"]

    def names(self, **params: Any) -> set[str]:
        return {f["properties"]["name"] for f in self.features(**params)}


class ClusterTests(MapApiTestCase):
    def test_zoom_6_gives_clusters_whose_counts_add_up_to_the_public_places_in_the_box(self) -> None:
        features = self.features(bbox=WIDE, zoom=6)
        self.assertTrue(features)
        for feature in features:
            self.assertEqual(feature["type"], "Feature")
            self.assertEqual(feature["geometry"]["type"], "Point")
            props = feature["properties"]
            self.assertIs(props["cluster"], True)
            self.assertEqual(set(props["counts"]), STATE_KEYS)
            self.assertEqual(sum(props["counts"].values()), props["count"])
        totals = {state: sum(f["properties"]["counts"][state] for f in features) for state in STATE_KEYS}
        self.assertEqual(totals, {"safe": 1, "at_risk": 1, "unsafe": 1, "not_assessed": 1})

    def test_a_cluster_sits_at_the_mean_position_of_its_places(self) -> None:
        (cluster,) = [f for f in self.features(bbox="107.5,12.0,107.99,12.49", zoom=6) if f["properties"]["count"] == 4]
        lon, lat = cluster["geometry"]["coordinates"]
        self.assertAlmostEqual(lat, (12.4401 + 12.4412 + 12.4423 + 12.3201) / 4, places=5)
        self.assertAlmostEqual(lon, (107.6321 + 107.6333 + 107.6345 + 107.9101) / 4, places=5)

    def test_each_zoom_band_reads_its_grid(self) -> None:
        for zoom, grid in ((0, 0), (7, 0), (8, 1), (10, 1), (11, 2), (12, 2)):
            with self.subTest(zoom=zoom):
                response = self.client.get(URL, {"bbox": "107.5,12.3,107.7,12.5", "zoom": str(zoom)})
                self.assertEqual(response.json()["grid"], grid)
                self.assertEqual(response.json()["mode"], "clusters")

    def test_at_zoom_11_the_two_communes_fall_in_cells_of_0_02_degrees(self) -> None:
        features = self.features(bbox="107.6,12.4,107.7,12.5", zoom=11)
        self.assertEqual(sorted(f["properties"]["count"] for f in features), [3])

    def test_state_filter_is_answered_from_the_cells(self) -> None:
        features = self.features(bbox=WIDE, zoom=6, state="safe,unsafe")
        self.assertEqual(sum(f["properties"]["count"] for f in features), 2)
        self.assertEqual(sum(f["properties"]["counts"]["not_assessed"] for f in features), 0)

    def test_type_and_unit_filters_still_give_clusters_counted_live(self) -> None:
        markets = self.features(bbox=WIDE, zoom=6, type="market")
        self.assertTrue(all(f["properties"]["cluster"] for f in markets))
        self.assertEqual(sum(f["properties"]["count"] for f in markets), 2)  # the pending and closed ones excluded
        in_commune_a = self.features(bbox=WIDE, zoom=9, unit=self.commune_a.code)
        self.assertEqual(sum(f["properties"]["count"] for f in in_commune_a), 2)
        in_district = self.features(bbox=WIDE, zoom=12, unit=self.district.code, type="market,supermarket")
        self.assertEqual(sum(f["properties"]["count"] for f in in_district), 2)

    def test_live_counts_equal_the_kept_counts_for_a_place_on_a_cell_edge(self) -> None:
        make_place(self.commune_a, "Chợ góc", latitude=Decimal("12.300000"), longitude=Decimal("107.600000"))
        for zoom in (5, 9, 11):
            with self.subTest(zoom=zoom):
                kept = self.features(bbox=WIDE, zoom=zoom)
                self.assertEqual(self.features(bbox=WIDE, zoom=zoom, unit=self.province.code), kept)

    def test_live_counts_equal_the_kept_counts(self) -> None:
        # The province filter keeps every place but forces the live GROUP BY.
        for zoom in (5, 9, 11):
            with self.subTest(zoom=zoom):
                kept = self.features(bbox=WIDE, zoom=zoom)
                live = self.features(bbox=WIDE, zoom=zoom, unit=self.province.code)
                self.assertEqual(live, kept)


class PlaceFeatureTests(MapApiTestCase):
    BOX = "107.62,12.43,107.64,12.45"

    def test_zoom_14_gives_the_places_themselves(self) -> None:
        response = self.client.get(URL, {"bbox": self.BOX, "zoom": "14"})
        self.assertEqual(response.json()["mode"], "places")
        features = {f["properties"]["public_code"]: f for f in response.json()["features"]}
        self.assertEqual(set(features), {self.market.public_code, self.safe.public_code, self.suspended.public_code})
        props = features[self.safe.public_code]["properties"]
        self.assertEqual(
            props,
            {
                "cluster": False,
                "name": "Nhà hàng <b>Gió</b>",
                "type": "restaurant",
                "type_name": "Nhà hàng, quán ăn",
                "state": "safe",
                "state_label": props["state_label"],
                "colour": "#198754",
                "public_code": self.safe.public_code,
                "suspended": False,
                "url": f"/p/{self.safe.public_code}",
            },
        )
        self.assertEqual(features[self.safe.public_code]["geometry"]["coordinates"], [107.6333, 12.4412])

    def test_suspended_places_appear_marked(self) -> None:
        features = {f["properties"]["public_code"]: f["properties"] for f in self.features(bbox=self.BOX, zoom=15)}
        self.assertIs(features[self.suspended.public_code]["suspended"], True)
        self.assertIs(features[self.market.public_code]["suspended"], False)

    def test_pending_and_closed_places_never_appear(self) -> None:
        hidden = {"Quán chờ duyệt", "Chợ đã đóng"}
        for zoom in (14, 18, 20):
            with self.subTest(zoom=zoom):
                self.assertFalse(hidden & self.names(bbox=self.BOX, zoom=zoom))
        self.assertEqual(sum(f["properties"]["count"] for f in self.features(bbox=self.BOX, zoom=12)), 3)

    def test_filters_apply_to_places(self) -> None:
        self.assertEqual(self.names(bbox=self.BOX, zoom=14, type="market"), {"Chợ Đức Mạnh"})
        self.assertEqual(self.names(bbox=self.BOX, zoom=14, state="at_risk"), {"Siêu thị Đắk Mil"})
        self.assertEqual(self.names(bbox=self.BOX, zoom=14, unit=self.commune_b.code), {"Siêu thị Đắk Mil"})
        self.assertEqual(self.names(bbox=self.BOX, zoom=14, unit=self.other_district.code), set())

    def test_places_outside_the_box_are_left_out(self) -> None:
        self.assertEqual(self.names(bbox="107.90,12.30,107.92,12.33", zoom=16), {"Chợ Krông Nô"})

    def test_more_than_300_places_in_view_at_high_zoom_come_as_clusters(self) -> None:
        add_markets(
            [self.commune_a] * 301,
            latitude=lambda n: Decimal("12.4300") + Decimal(n) / 100000,
            longitude=Decimal("107.6300"),
        )
        clusters.rebuild()
        response = self.client.get(URL, {"bbox": self.BOX, "zoom": "14"}).json()
        self.assertEqual(response["mode"], "clusters")
        self.assertEqual(sum(f["properties"]["count"] for f in response["features"]), 304)


class FeatureCapTests(SafetyTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        states = list(PublicState.values)
        # 600 places one degree apart: 600 separate cells on every grid.
        add_markets(
            [cls.commune_a] * 600,
            "Chợ {n}",
            latitude=lambda n: Decimal("0.25") + n // 30,
            longitude=lambda n: Decimal("90.25") + n % 30,
            state=lambda n: states[n % 4],
        )
        clusters.rebuild()

    def test_no_zoom_gives_more_than_400_features_and_none_loses_a_place(self) -> None:
        filters: list[dict[str, str]] = [{}, {"type": "market"}]  # kept counts, then live counts
        for zoom in range(21):
            for extra in filters:
                with self.subTest(zoom=zoom, **extra):
                    response = self.client.get(URL, {"bbox": "89,-1,121,21", "zoom": str(zoom), **extra})
                    self.assertEqual(response.status_code, 200)
                    features = response.json()["features"]
                    self.assertLessEqual(len(features), MAX_FEATURES)
                    self.assertGreater(len(features), 50)
                    self.assertEqual(sum(f["properties"]["count"] for f in features), 600)

    def test_the_whole_world_at_high_zoom_is_answered_with_clusters(self) -> None:
        response = self.client.get(URL, {"bbox": "-180,-90,180,90", "zoom": "20"})
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(response.json()["features"]), MAX_FEATURES)


class BadInputTests(SafetyTestCase):
    def assert_refused(self, field: str, **params: Any) -> None:
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 422, params)
        body = response.json()
        self.assertTrue(body["detail"])
        self.assertIn(field, [error["field"] for error in body["errors"]])

    def test_a_bad_bbox_is_refused(self) -> None:
        for bbox in (
            "",
            "1,2,3",
            "a,b,c,d",
            "1,2,3,4,5",
            "108,11,107,13",
            "107,13,108,12",
            "107,11,107,13",
            "-181,0,10,10",
            "0,-91,10,10",
            "0,0,181,10",
            "0,0,10,90.5",
            "nan,0,1,1",
            "inf,0,1,1",
        ):
            with self.subTest(bbox=bbox):
                self.assert_refused("bbox", bbox=bbox, zoom=6)

    def test_a_bad_zoom_is_refused(self) -> None:
        for zoom in ("", "-1", "21", "6.5", "six"):
            with self.subTest(zoom=zoom):
                self.assert_refused("zoom", bbox=WIDE, zoom=zoom)

    def test_unknown_state_type_or_unit_is_refused(self) -> None:
        self.assert_refused("state", bbox=WIDE, zoom=6, state="green")
        self.assert_refused("state", bbox=WIDE, zoom=6, state="safe,green")
        self.assert_refused("type", bbox=WIDE, zoom=6, type="casino")
        self.assert_refused("unit", bbox=WIDE, zoom=6, unit="99999")

    def test_every_bad_parameter_is_reported_at_once(self) -> None:
        response = self.client.get(URL, {"bbox": "x", "zoom": "99", "state": "green"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual({e["field"] for e in response.json()["errors"]}, {"bbox", "zoom", "state"})

    def test_the_map_needs_no_login_and_may_be_cached(self) -> None:
        response = self.client.get(URL, {"bbox": WIDE, "zoom": "6"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("public", response["Cache-Control"])
        self.assertTrue(response["ETag"])
