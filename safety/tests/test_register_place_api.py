"""POST /api/v1/establishments: officers in their jurisdiction, owners anywhere (pending), 422 per field."""

from decimal import Decimal
from typing import Any

from accounts.models import Role
from safety.models import Establishment, OperatingStatus, Registration, SafetyPolicy
from territory.models import AdminUnit, Scheme
from testing import SafetyTestCase, add_village, make_user

URL = "/api/v1/establishments"


class RegisterPlaceApiTests(SafetyTestCase):
    def post(self, user: Any, **body: Any):  # type: ignore[no-untyped-def]
        payload = {"name": "Chợ Đức Mạnh", "type": "market", "unit": self.commune_a.code, **body}
        return self.api_post(user, URL, payload)

    def test_officer_registers_an_accepted_place_in_their_commune(self) -> None:
        response = self.post(
            self.officer_a,
            address="Thôn 1",
            lat=12.451234,
            lon=107.612345,
            capacity=300,
            contact_name="Nguyễn Văn An",
            contact_phone="0912 345 678",
            status="suspended",
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        place = Establishment.objects.get(pk=body["id"])
        self.assertEqual(body["public_code"], place.public_code)
        self.assertEqual(len(place.public_code), 8)
        self.assertEqual(place.unit, self.commune_a)
        self.assertEqual(place.type.code, "market")
        self.assertEqual(place.registration, Registration.ACCEPTED)
        self.assertEqual(place.status, OperatingStatus.SUSPENDED)
        self.assertEqual((place.latitude, place.longitude), (Decimal("12.451234"), Decimal("107.612345")))
        self.assertFalse(place.location_approximate)
        self.assertEqual(place.capacity, 300)
        self.assertEqual(place.created_by, self.officer_a)
        self.assertEqual(place.owners.count(), 0)
        self.assertEqual(body["unit"]["code"], self.commune_a.code)

    def test_district_officer_registers_in_a_village_of_a_commune_below(self) -> None:
        response = self.post(self.district_officer, unit=self.village_b.code)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Establishment.objects.get().unit, self.village_b)

    def test_sibling_commune_officer_is_refused_with_403_and_nothing_is_written(self) -> None:
        response = self.post(self.officer_b)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_a_sibling_naming_a_unit_of_the_wrong_level_is_refused_before_the_input_is_checked(self) -> None:
        response = self.post(self.officer_b, name="", unit=self.district.code)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_officer_of_another_district_inspector_and_press_are_refused(self) -> None:
        for user in (self.other_district_officer, self.inspector, self.press):
            with self.subTest(user=user.username):
                self.assertEqual(self.post(user).status_code, 403)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_anonymous_caller_gets_401(self) -> None:
        response = self.client.post(URL, {"name": "x"}, content_type="application/json")
        self.assertEqual(response.status_code, 401)

    def test_owner_registration_waits_for_acceptance_and_owner_owns_it(self) -> None:
        response = self.post(self.owner, unit=self.other_commune.code)
        self.assertEqual(response.status_code, 201, response.content)
        place = Establishment.objects.get(pk=response.json()["id"])
        self.assertEqual(place.registration, Registration.PENDING)
        self.assertEqual(response.json()["registration"], "pending")
        self.assertEqual(list(place.owners.all()), [self.owner])

    def test_owner_registration_is_accepted_at_once_when_the_province_says_so(self) -> None:
        SafetyPolicy.objects.create(unit=self.province, accept_owner_registrations=True)
        response = self.post(self.owner)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(Establishment.objects.get().registration, Registration.ACCEPTED)

    def test_policy_of_another_province_does_not_apply(self) -> None:
        other_province = AdminUnit.objects.get(scheme=Scheme.Y2025, code="68")
        SafetyPolicy.objects.create(unit=other_province, accept_owner_registrations=True)
        self.assertEqual(self.post(self.owner).status_code, 201)
        self.assertEqual(Establishment.objects.get().registration, Registration.PENDING)

    def test_without_coordinates_the_place_sits_at_its_units_centroid_marked_approximate(self) -> None:
        response = self.post(self.officer_a)
        self.assertEqual(response.status_code, 201)
        place = Establishment.objects.get()
        self.assertTrue(place.location_approximate)
        self.assertEqual((place.latitude, place.longitude), (self.commune_a.latitude, self.commune_a.longitude))

    def test_a_village_without_a_centroid_uses_its_communes(self) -> None:
        self.assertIsNone(self.village_a.latitude)
        self.assertEqual(self.post(self.officer_a, unit=self.village_a.code).status_code, 201)
        place = Establishment.objects.get()
        self.assertTrue(place.location_approximate)
        self.assertEqual(place.latitude, self.commune_a.latitude)

    def test_coordinates_outside_vietnam_are_refused_with_422_per_field(self) -> None:
        cases = [
            ({"lat": 48.85, "lon": 2.35}, {"lat", "lon"}),  # Paris
            ({"lat": 12.45, "lon": 120.5}, {"lon"}),  # the Philippines
            ({"lat": 1.3, "lon": 103.8}, {"lat"}),  # Singapore
            ({"lat": 12.45}, {"lon"}),  # one without the other
        ]
        for body, fields in cases:
            with self.subTest(body=body):
                response = self.post(self.officer_a, **body)
                self.assertEqual(response.status_code, 422)
                named = {e["field"] for e in response.json()["errors"]}
                self.assertEqual(named, {"latitude" if f == "lat" else "longitude" for f in fields})
        self.assertEqual(Establishment.objects.count(), 0)

    def test_every_bad_field_is_reported_at_once(self) -> None:
        response = self.post(
            self.officer_a, name="  ", type="casino", capacity=-5, contact_phone="gọi tôi", status="open"
        )
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertEqual({e["field"] for e in body["errors"]}, {"name", "type", "capacity", "contact_phone", "status"})
        self.assertTrue(body["detail"])
        self.assertEqual(Establishment.objects.count(), 0)

    def test_unknown_unit_and_a_district_are_422_on_the_unit_field(self) -> None:
        for code in ("99999", self.district.code):
            with self.subTest(code=code):
                response = self.post(self.province_officer, unit=code)
                self.assertEqual(response.status_code, 422)
                self.assertEqual([e["field"] for e in response.json()["errors"]], ["unit"])

    def test_missing_required_field_and_wrong_json_types_are_422(self) -> None:
        response = self.api_post(self.officer_a, URL, {"type": "market"})
        self.assertEqual(response.status_code, 422)
        # Schema errors name the field after the body ("payload.name").
        self.assertIn("name", {e["field"].rsplit(".", 1)[-1] for e in response.json()["errors"]})
        response = self.post(self.officer_a, capacity="nhiều")
        self.assertEqual(response.status_code, 422)

    def test_a_unit_of_the_2025_scheme_needs_the_scheme(self) -> None:
        new_commune = AdminUnit.objects.filter(scheme=Scheme.Y2025, level="commune").order_by("code").first()
        officer = make_user("new_commune", Role.OFFICER, new_commune)
        response = self.post(officer, unit=new_commune.code, scheme="2025")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Establishment.objects.get().unit, new_commune)

    def test_html_in_the_name_is_stored_as_text(self) -> None:
        response = self.post(self.officer_a, name="<b>Chợ</b>")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["name"], "<b>Chợ</b>")

    def test_a_new_village_of_the_commune_is_accepted(self) -> None:
        village = add_village(self.commune_a, 7, "Bon Bu Prăng")
        self.assertEqual(self.post(self.officer_a, unit=village.code).status_code, 201)
