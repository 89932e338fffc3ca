"""The register form (/places/new/) and the edit page: unit picker in the jurisdiction, owners limited."""

from typing import Any

from django.urls import reverse

from safety.models import Establishment, EstablishmentType, Registration
from testing import OwnedPlaceTestCase, SafetyTestCase


class RegisterPageTests(SafetyTestCase):
    def data(self, **extra: Any) -> dict[str, Any]:
        return {
            "name": "Siêu thị Co.op",
            "type": EstablishmentType.objects.get(code="supermarket").pk,
            "unit": self.commune_a.code,
            "address": "Số 1 Hùng Vương",
            "status": "operating",
            **extra,
        }

    def test_officers_unit_picker_holds_their_commune_and_its_villages_only(self) -> None:
        response = self.client_for(self.officer_a).get("/places/new/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(set(response.context["form"].fields["unit"].queryset), {self.commune_a, self.village_a})
        picker = reverse("units:pick") + "?scope=change&amp;levels=commune%2Cvillage&amp;scheme=legacy"
        self.assertContains(response, f'data-picker="{picker}"')
        self.assertContains(response, 'data-picker-include="scheme"')

    def test_officer_registers_and_lands_on_the_place_page(self) -> None:
        response = self.client_for(self.officer_a).post("/places/new/", self.data(latitude="12.46", longitude="107.63"))
        place = Establishment.objects.get()
        self.assertRedirects(response, f"/places/{place.pk}/")
        self.assertEqual(place.registration, Registration.ACCEPTED)
        self.assertFalse(place.location_approximate)

    def test_a_unit_of_the_sibling_commune_is_refused_and_nothing_written(self) -> None:
        response = self.client_for(self.officer_a).post("/places/new/", self.data(unit=self.commune_b.code))
        self.assertEqual(response.status_code, 400)
        self.assertIn("unit", response.context["form"].errors)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_coordinates_outside_vietnam_are_shown_on_the_form(self) -> None:
        response = self.client_for(self.officer_a).post("/places/new/", self.data(latitude="35.68", longitude="139.69"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"latitude", "longitude"})
        self.assertEqual(Establishment.objects.count(), 0)

    def test_owner_registers_anywhere_and_waits(self) -> None:
        response = self.client_for(self.owner).post("/places/new/", self.data(unit=self.other_commune.code))
        self.assertEqual(response.status_code, 302)
        place = Establishment.objects.get()
        self.assertEqual(place.registration, Registration.PENDING)
        self.assertEqual(list(place.owners.all()), [self.owner])

    def test_press_and_inspector_may_not_register(self) -> None:
        for user in (self.press, self.inspector):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get("/places/new/").status_code, 403)

    def test_unit_search_finds_units_without_diacritics_within_the_jurisdiction(self) -> None:
        search = {"q": "dak lao", "scope": "change", "levels": "commune,village"}
        found = self.client_for(self.district_officer).get(reverse("units:pick"), search).json()["results"]
        self.assertEqual([match["value"] for match in found], [self.commune_b.code])
        self.assertEqual(self.client_for(self.officer_a).get(reverse("units:pick"), search).json()["results"], [])

    def test_owner_search_reaches_any_commune(self) -> None:
        search = {"q": "dak mam", "scope": "all", "levels": "commune,village"}
        found = self.client_for(self.owner).get(reverse("units:pick"), search).json()["results"]
        self.assertIn(self.other_commune.code, [match["value"] for match in found])
        response = self.client_for(self.owner).get("/places/new/")
        self.assertContains(response, "scope=all&amp;levels=commune%2Cvillage")


class EditPageTests(OwnedPlaceTestCase):
    place_fields = {"capacity": 100}

    def test_owner_gets_the_short_form_and_changes_the_contact(self) -> None:
        client = self.client_for(self.owner)
        response = client.get(f"/places/{self.place.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            set(response.context["form"].fields), {"address", "capacity", "contact_name", "contact_phone", "status"}
        )
        data = {
            "address": "Chợ mới",
            "capacity": "150",
            "contact_name": "Bà Hoa",
            "contact_phone": "",
            "status": "suspended",
        }
        response = client.post(f"/places/{self.place.pk}/edit/", {**data, "name": "Tên lạ"})
        self.assertRedirects(response, f"/places/{self.place.pk}/")
        self.place.refresh_from_db()
        self.assertEqual((self.place.name, self.place.capacity, self.place.status), ("Chợ Đắk Mil", 150, "suspended"))

    def test_officer_edits_everything_and_an_untouched_approximate_location_stays_approximate(self) -> None:
        self.place.location_approximate = True
        self.place.save()
        client = self.client_for(self.officer_a)
        form = client.get(f"/places/{self.place.pk}/edit/").context["form"]
        data = {name: value for name, value in form.initial.items() if value is not None}
        data["name"] = "Chợ trung tâm"
        response = client.post(f"/places/{self.place.pk}/edit/", data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        self.place.refresh_from_db()
        self.assertEqual(self.place.name, "Chợ trung tâm")
        self.assertTrue(self.place.location_approximate)

    def test_sibling_officer_404_and_inspector_403(self) -> None:
        self.assertEqual(self.client_for(self.officer_b).get(f"/places/{self.place.pk}/edit/").status_code, 404)
        self.assertEqual(self.client_for(self.inspector).get(f"/places/{self.place.pk}/edit/").status_code, 403)
