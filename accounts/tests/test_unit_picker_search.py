"""The unit picker's search endpoint: names without accents, codes by their first digits, a few
matches at most, and only the user's jurisdiction unless every unit is asked for."""

from django.urls import reverse

from lib.picker import PICK_LIMIT
from territory.models import AdminUnit, Level, Scheme
from testing import JurisdictionTestCase


class UnitPickerSearchTests(JurisdictionTestCase):
    url = reverse("units:pick")

    def matches(self, user, **params):  # type: ignore[no-untyped-def]
        client = self.client_for(user) if user else self.client
        response = client.get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return response.json()["results"]

    def test_a_name_typed_without_accents_finds_the_unit_with_them(self) -> None:
        found = self.matches(self.province_officer, q="dak mil")
        self.assertEqual(found[0]["value"], self.district.code)
        self.assertEqual(found[0]["label"], f"Huyện Đắk Mil — tỉnh Đắk Nông ({self.district.code})")
        self.assertTrue(all("Đắk Mil" in match["label"] for match in found))
        self.assertEqual(found, self.matches(self.province_officer, q="ĐẮK   MIL"))

    def test_digits_find_units_by_the_start_of_their_code(self) -> None:
        found = self.matches(self.province_officer, q=self.commune_a.code[:4])
        self.assertIn(self.commune_a.code, [match["value"] for match in found])
        self.assertTrue(all(match["value"].startswith(self.commune_a.code[:4]) for match in found))

    def test_no_more_than_the_limit_is_sent(self) -> None:
        self.assertGreater(AdminUnit.objects.filter(scheme=Scheme.LEGACY, search_name__contains="xa").count(), 30)
        self.assertEqual(len(self.matches(self.province_officer, q="xa")), PICK_LIMIT)

    def test_levels_narrow_the_matches(self) -> None:
        found = self.matches(self.province_officer, q="dak mil", levels="commune")
        self.assertTrue(found)
        levels = set(
            AdminUnit.objects.filter(scheme=Scheme.LEGACY, code__in=[m["value"] for m in found]).values_list(
                "level", flat=True
            )
        )
        self.assertEqual(levels, {Level.COMMUNE})

    def test_an_empty_search_sends_nothing(self) -> None:
        self.assertEqual(self.matches(self.province_officer, q="  "), [])


class UnitPickerJurisdictionTests(JurisdictionTestCase):
    url = reverse("units:pick")

    def values(self, user, **params):  # type: ignore[no-untyped-def]
        client = self.client_for(user) if user else self.client
        return [match["value"] for match in client.get(self.url, params).json()["results"]]

    def test_a_commune_officer_finds_their_commune_but_not_the_sibling(self) -> None:
        self.assertEqual(self.values(self.officer_a, q=self.commune_a.name), [self.commune_a.code])
        self.assertEqual(self.values(self.officer_b, q=self.commune_a.name), [])
        self.assertEqual(self.values(self.officer_b, q=self.commune_a.code), [])
        self.assertEqual(self.values(self.officer_b, q=self.commune_b.name), [self.commune_b.code])

    def test_the_district_finds_both_communes_and_not_another_district(self) -> None:
        self.assertIn(self.commune_b.code, self.values(self.district_officer, q=self.commune_b.code))
        self.assertEqual(self.values(self.district_officer, q=self.other_commune.code), [])

    def test_every_unit_of_the_scheme_is_offered_for_a_route_or_a_public_filter(self) -> None:
        self.assertEqual(self.values(self.officer_b, q=self.commune_a.code, scope="all")[0], self.commune_a.code)
        found = self.values(None, q=self.other_commune.code, scope="all", levels="commune")
        self.assertEqual(found, [self.other_commune.code])

    def test_the_public_and_the_owner_have_no_jurisdiction_to_search(self) -> None:
        self.assertEqual(self.values(None, q="dak mil"), [])
        self.assertEqual(self.values(self.owner, q="dak mil"), [])

    def test_one_scheme_at_a_time(self) -> None:
        self.assertEqual(self.values(self.admin, q=self.commune_a.code, levels="commune"), [self.commune_a.code])
        found = self.values(self.admin, q="gia nghia", scheme=Scheme.Y2025, scope="all")
        self.assertTrue(found)
        self.assertTrue(AdminUnit.objects.filter(scheme=Scheme.Y2025, code=found[0]).exists())
