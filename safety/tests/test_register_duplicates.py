"""A place with the same name and address in the same unit: 409 with candidates, or a warning on the form."""

import re
from typing import Any

from safety.models import Establishment, EstablishmentType, Registration
from testing import SafetyTestCase, make_place

URL = "/api/v1/establishments"


class ExistingPlaceTestCase(SafetyTestCase):
    """The safety base plus a market in commune_a that a new registration may repeat."""

    existing: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.existing = make_place(cls.commune_a, "Chợ Đắk Mil", "market", address="Số 5 Nguyễn Tất Thành")


class DuplicateApiTests(ExistingPlaceTestCase):
    def post(self, user: Any = None, **body: Any):  # type: ignore[no-untyped-def]
        payload = {"name": "Chợ Đắk Mil", "type": "market", "unit": self.commune_a.code, **body}
        payload.setdefault("address", "Số 5 Nguyễn Tất Thành")
        headers = self.api_headers(user or self.officer_a)
        return self.client.post(URL, payload, content_type="application/json", headers=headers)

    def test_same_name_and_address_in_the_same_unit_is_409_with_the_candidates(self) -> None:
        response = self.post()
        self.assertEqual(response.status_code, 409)
        body = response.json()
        self.assertEqual([c["id"] for c in body["candidates"]], [self.existing.pk])
        self.assertEqual(body["candidates"][0]["name"], "Chợ Đắk Mil")
        self.assertEqual(Establishment.objects.count(), 1)

    def test_diacritics_case_and_spaces_do_not_hide_a_duplicate(self) -> None:
        for name, address in [
            ("CHO DAK MIL", "so 5 nguyen tat thanh"),
            ("  Chợ  Đắk   Mil ", "Số 5 Nguyễn Tất  Thành"),
            ("Chợ ĐắkMil", "Số 5 NguyễnTấtThành"),
        ]:
            with self.subTest(name=name):
                self.assertEqual(self.post(name=name, address=address).status_code, 409)
        self.assertEqual(Establishment.objects.count(), 1)

    def test_confirm_duplicate_registers_it_anyway(self) -> None:
        response = self.post(confirm_duplicate=True)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(Establishment.objects.count(), 2)

    def test_another_address_another_unit_or_a_rejected_registration_is_no_duplicate(self) -> None:
        self.assertEqual(self.post(address="Số 7 Nguyễn Tất Thành").status_code, 201)
        self.assertEqual(self.post(unit=self.village_a.code).status_code, 201)
        rejected = make_place(self.commune_b, "Quán Gió", "restaurant", address="", registration=Registration.REJECTED)
        response = self.post(self.officer_b, name=rejected.name, address="", unit=self.commune_b.code)
        self.assertEqual(response.status_code, 201)

    def test_owners_are_warned_too(self) -> None:
        response = self.post(self.owner)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(Establishment.objects.count(), 1)

    def test_renaming_into_a_duplicate_is_409_unless_confirmed(self) -> None:
        other = make_place(self.commune_a, "Chợ tạm", "market", address="Số 5 Nguyễn Tất Thành")
        url = f"{URL}/{other.pk}"
        headers = self.api_headers(self.officer_a)
        response = self.client.patch(url, {"name": "Chợ Đắk Mil"}, content_type="application/json", headers=headers)
        self.assertEqual(response.status_code, 409)
        other.refresh_from_db()
        self.assertEqual(other.name, "Chợ tạm")
        body = {"name": "Chợ Đắk Mil", "confirm_duplicate": True}
        response = self.client.patch(url, body, content_type="application/json", headers=headers)
        self.assertEqual(response.status_code, 200)


class DuplicateFormTests(ExistingPlaceTestCase):
    def form_data(self, **extra: Any) -> dict[str, Any]:
        return {
            "name": "cho dak mil",
            "type": EstablishmentType.objects.get(code="market").pk,
            "unit": self.commune_a.code,
            "address": "SỐ 5 NGUYỄN TẤT THÀNH",
            "status": "operating",
            **extra,
        }

    def test_form_warns_with_the_candidates_and_registers_nothing(self) -> None:
        response = self.client_for(self.officer_a).post("/places/new/", self.form_data())
        self.assertEqual(response.status_code, 409)
        self.assertEqual([c.pk for c in response.context["candidates"]], [self.existing.pk])
        html = response.content.decode()
        self.assertEqual(len(re.findall(r'data-testid="candidate"', html)), 1)
        self.assertIn('name="confirm_duplicate"', html)
        self.assertEqual(Establishment.objects.count(), 1)

    def test_ticking_register_anyway_registers_it(self) -> None:
        response = self.client_for(self.officer_a).post("/places/new/", self.form_data(confirm_duplicate="on"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Establishment.objects.count(), 2)
