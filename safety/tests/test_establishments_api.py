"""GET /api/v1/establishments and /{id}, PATCH /{id}: jurisdiction, owners, filters, pagination."""

from typing import Any

from accounts.models import Role, RoleAssignment
from safety.models import Establishment, PublicState, Registration
from testing import OwnedPlaceTestCase, SafetyTestCase, make_place

URL = "/api/v1/establishments"


class EstablishmentsApiTests(SafetyTestCase):
    market_a: Establishment
    school_a: Establishment
    market_b: Establishment
    owned_far: Establishment
    pending_b: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.market_a = make_place(cls.commune_a, "Chợ Đắk Mil", "market", state=PublicState.SAFE)
        cls.school_a = make_place(cls.village_a, "Trường Tiểu học Kim Đồng", "school", state=PublicState.UNSAFE)
        cls.market_b = make_place(cls.commune_b, "Chợ Thuận An", "market")
        cls.owned_far = make_place(cls.other_commune, "Nhà hàng Hương Rừng", "restaurant", owners=[cls.owner])
        cls.pending_b = make_place(
            cls.commune_b, "Quán cà phê Gió", "restaurant", registration=Registration.PENDING, owners=[cls.owner]
        )

    def get(self, user: Any, url: str = URL, **params: Any):  # type: ignore[no-untyped-def]
        return self.api_get(user, url, params)

    def names(self, response: Any) -> set[str]:
        self.assertEqual(response.status_code, 200, response.content)
        return {item["name"] for item in response.json()["items"]}

    def test_commune_officer_lists_their_commune_only(self) -> None:
        self.assertEqual(self.names(self.get(self.officer_a)), {"Chợ Đắk Mil", "Trường Tiểu học Kim Đồng"})

    def test_sibling_commune_officer_lists_the_other_commune_only(self) -> None:
        self.assertEqual(self.names(self.get(self.officer_b)), {"Chợ Thuận An", "Quán cà phê Gió"})

    def test_district_officer_and_inspector_list_the_district(self) -> None:
        expected = {"Chợ Đắk Mil", "Trường Tiểu học Kim Đồng", "Chợ Thuận An", "Quán cà phê Gió"}
        self.assertEqual(self.names(self.get(self.district_officer)), expected)
        self.assertEqual(self.names(self.get(self.inspector)), expected)

    def test_owner_lists_only_their_own_places_wherever_they_are(self) -> None:
        self.assertEqual(self.names(self.get(self.owner)), {"Nhà hàng Hương Rừng", "Quán cà phê Gió"})

    def test_press_lists_nothing(self) -> None:
        self.assertEqual(self.names(self.get(self.press)), set())

    def test_an_officer_who_also_owns_a_place_sees_it_once_besides_their_commune(self) -> None:
        RoleAssignment.objects.create(user=self.officer_a, role=Role.OWNER)
        self.owned_far.owners.add(self.officer_a)
        self.market_a.owners.add(self.owner, self.officer_b)  # several owners must not repeat a row
        response = self.get(self.officer_a)
        self.assertEqual(response.json()["count"], 3)
        self.assertEqual(self.names(response), {"Chợ Đắk Mil", "Trường Tiểu học Kim Đồng", "Nhà hàng Hương Rừng"})

    def test_unit_filter_inside_and_outside_the_jurisdiction(self) -> None:
        self.assertEqual(
            self.names(self.get(self.district_officer, unit=self.commune_a.code)),
            {"Chợ Đắk Mil", "Trường Tiểu học Kim Đồng"},
        )
        self.assertEqual(self.names(self.get(self.officer_a, unit=self.village_a.code)), {"Trường Tiểu học Kim Đồng"})
        self.assertEqual(self.get(self.officer_a, unit=self.commune_b.code).status_code, 403)
        self.assertEqual(self.get(self.officer_a, unit=self.district.code).status_code, 403)
        self.assertEqual(self.get(self.officer_a, unit="99999").status_code, 404)

    def test_type_state_and_registration_filters(self) -> None:
        self.assertEqual(self.names(self.get(self.district_officer, type="market")), {"Chợ Đắk Mil", "Chợ Thuận An"})
        self.assertEqual(self.names(self.get(self.district_officer, state="unsafe")), {"Trường Tiểu học Kim Đồng"})
        self.assertEqual(self.names(self.get(self.district_officer, registration="pending")), {"Quán cà phê Gió"})
        for params in ({"type": "casino"}, {"state": "green"}, {"registration": "maybe"}):
            with self.subTest(params=params):
                response = self.get(self.district_officer, **params)
                self.assertEqual(response.status_code, 422)
                self.assertEqual([e["field"] for e in response.json()["errors"]], list(params))

    def test_search_ignores_diacritics_and_case(self) -> None:
        self.assertEqual(self.names(self.get(self.district_officer, q="CHO dak MIL")), {"Chợ Đắk Mil"})
        self.assertEqual(self.names(self.get(self.district_officer, q="kim dong")), {"Trường Tiểu học Kim Đồng"})
        self.assertEqual(self.names(self.get(self.officer_b, q="kim dong")), set())

    def test_pages_of_fifty(self) -> None:
        for number in range(55):
            make_place(self.commune_b, f"Cửa hàng {number:02d}", "restaurant")
        first = self.get(self.officer_b).json()
        self.assertEqual(first["count"], 57)
        self.assertEqual(len(first["items"]), 50)
        second = self.get(self.officer_b, page=2).json()
        self.assertEqual(len(second["items"]), 7)
        self.assertFalse({i["id"] for i in first["items"]} & {i["id"] for i in second["items"]})

    def test_detail_for_those_who_may_see_it_and_404_for_the_others(self) -> None:
        url = f"{URL}/{self.market_a.pk}"
        for user in (self.officer_a, self.district_officer, self.province_officer, self.admin, self.inspector):
            with self.subTest(user=user.username):
                response = self.get(user, url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["public_code"], self.market_a.public_code)
        for user in (self.officer_b, self.other_district_officer, self.owner, self.press):
            with self.subTest(user=user.username):
                self.assertEqual(self.get(user, url).status_code, 404)
        self.assertEqual(self.get(self.owner, f"{URL}/{self.owned_far.pk}").status_code, 200)
        self.assertEqual(self.get(self.officer_a, f"{URL}/999999").status_code, 404)

    def test_anonymous_is_401(self) -> None:
        self.assertEqual(self.client.get(URL).status_code, 401)
        self.assertEqual(self.client.get(f"{URL}/{self.market_a.pk}").status_code, 401)


class PatchEstablishmentTests(OwnedPlaceTestCase):
    place_fields = {"capacity": 100}

    def patch(self, user: Any, place: Establishment | None = None, **body: Any):  # type: ignore[no-untyped-def]
        url = f"{URL}/{(place or self.place).pk}"
        return self.api_patch(user, url, body)

    def test_officer_changes_any_field_and_moves_the_place_within_their_jurisdiction(self) -> None:
        response = self.patch(
            self.officer_a, name="Chợ trung tâm Đắk Mil", type="supermarket", unit=self.village_a.code
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.place.refresh_from_db()
        self.assertEqual(self.place.name, "Chợ trung tâm Đắk Mil")
        self.assertEqual(self.place.type.code, "supermarket")
        self.assertEqual(self.place.unit, self.village_a)
        self.assertTrue(self.place.unit_path.startswith(self.village_a.path))
        self.assertIn("cho trung tam", self.place.search_name)

    def test_officer_cannot_move_a_place_out_of_their_jurisdiction(self) -> None:
        response = self.patch(self.officer_a, unit=self.commune_b.code)
        self.assertEqual(response.status_code, 403)
        self.place.refresh_from_db()
        self.assertEqual(self.place.unit, self.commune_a)

    def test_sibling_officer_gets_404(self) -> None:
        self.assertEqual(self.patch(self.officer_b, name="Chiếm").status_code, 404)
        self.place.refresh_from_db()
        self.assertEqual(self.place.name, "Chợ Đắk Mil")

    def test_inspector_sees_but_may_not_change(self) -> None:
        self.assertEqual(self.patch(self.inspector, capacity=5).status_code, 403)

    def test_owner_changes_contact_status_capacity_and_address_only(self) -> None:
        response = self.patch(
            self.owner, contact_name="Lê Thị Hoa", contact_phone="0905 111 222", status="closed", capacity=80
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.place.refresh_from_db()
        self.assertEqual((self.place.status, self.place.capacity), ("closed", 80))
        for body in (
            {"name": "Tên khác"},
            {"unit": self.commune_b.code},
            {"type": "school"},
            {"lat": 12.5, "lon": 107.7},
        ):
            with self.subTest(body=body):
                self.assertEqual(self.patch(self.owner, **body).status_code, 403)
        self.place.refresh_from_db()
        self.assertEqual(self.place.name, "Chợ Đắk Mil")

    def test_bad_values_are_422_and_change_nothing(self) -> None:
        response = self.patch(self.officer_a, name="Tên mới", lat=30.0, lon=107.0)
        self.assertEqual(response.status_code, 422)
        self.assertEqual([e["field"] for e in response.json()["errors"]], ["latitude"])
        self.place.refresh_from_db()
        self.assertEqual(self.place.name, "Chợ Đắk Mil")

    def test_exact_coordinates_clear_the_approximate_flag(self) -> None:
        self.place.location_approximate = True
        self.place.save()
        self.assertEqual(self.patch(self.officer_a, lat=12.5, lon=107.7).status_code, 200)
        self.place.refresh_from_db()
        self.assertFalse(self.place.location_approximate)
        self.assertEqual(str(self.place.latitude), "12.500000")
