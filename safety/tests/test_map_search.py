"""GET /api/v1/public/places/search?q=: up to 20 public places, diacritics and case ignored."""

from decimal import Decimal

from safety.models import OperatingStatus, Registration
from testing import SafetyTestCase, add_markets, make_place

URL = "/api/v1/public/places/search"


class MapSearchTests(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.market = make_place(
            self.commune_a,
            "Chợ Đắk R'Lấp",
            address="Quốc lộ 14",
            latitude=Decimal("12.4401"),
            longitude=Decimal("107.6321"),
            status=OperatingStatus.SUSPENDED,
        )
        make_place(self.commune_b, "Quán <b>Đắk</b> Mil", "restaurant")
        make_place(self.commune_a, "Chợ Đắk chờ duyệt", registration=Registration.PENDING)
        make_place(self.commune_a, "Chợ Đắk đã đóng", status=OperatingStatus.CLOSED)

    def search(self, q: str) -> list[dict]:  # type: ignore[type-arg]
        response = self.client.get(URL, {"q": q})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_diacritics_and_case_are_ignored(self) -> None:
        for q in ("dak rlap", "ĐẮK R'LẤP", "  cho   dak  ", "quoc lo 14"):
            with self.subTest(q=q):
                self.assertEqual([r["name"] for r in self.search(q)], ["Chợ Đắk R'Lấp"])

    def test_a_result_has_what_the_map_needs(self) -> None:
        (result,) = self.search("dak rlap")
        self.assertEqual(result["public_code"], self.market.public_code)
        self.assertEqual((result["latitude"], result["longitude"]), (12.4401, 107.6321))
        self.assertEqual((result["state"], result["colour"], result["suspended"]), ("not_assessed", "#6c757d", True))
        self.assertEqual(result["url"], f"/p/{self.market.public_code}")
        self.assertEqual(result["address"], "Quốc lộ 14")

    def test_only_public_places_are_found_and_names_come_back_as_text(self) -> None:
        self.assertEqual({r["name"] for r in self.search("dak")}, {"Chợ Đắk R'Lấp", "Quán <b>Đắk</b> Mil"})

    def test_unknown_or_blank_gives_an_empty_list(self) -> None:
        self.assertEqual(self.search("xyz không có"), [])
        self.assertEqual(self.search(""), [])
        self.assertEqual(self.search("  ,;  "), [])

    def test_at_most_20_places_come_back(self) -> None:
        add_markets([self.commune_a] * 25)
        self.assertEqual(len(self.search("sap")), 20)
