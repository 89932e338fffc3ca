"""The place picker's search endpoint: name or address without accents, the poster's code by its
first letters, a few matches at most, of the types asked for, and only the places the user sees."""

from django.urls import reverse

from lib.picker import PICK_LIMIT
from safety.models import Establishment
from testing import SafetyTestCase, make_place


class PlacePickerSearchTests(SafetyTestCase):
    url = reverse("safety:place_pick")
    market: Establishment
    school: Establishment
    sibling: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.market = make_place(cls.commune_a, "Chợ Đức Mạnh", owners=[cls.owner])
        cls.school = make_place(cls.commune_a, "Trường THCS Đức Mạnh", type_code="school")
        cls.sibling = make_place(cls.commune_b, "Chợ Đắk Sắk", address="Thôn 3")

    def matches(self, user, **params):  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(self.url, params)
        self.assertEqual(response.status_code, 200)
        return response.json()["results"]

    def values(self, user, **params):  # type: ignore[no-untyped-def]
        return [match["value"] for match in self.matches(user, **params)]

    def test_a_name_typed_without_accents_finds_the_place(self) -> None:
        found = self.matches(self.district_officer, q="cho duc manh")
        self.assertEqual([m["value"] for m in found], [self.market.public_code])
        self.assertEqual(found[0]["label"], f"Chợ Đức Mạnh — {self.commune_a.running_name} ({self.market.public_code})")
        self.assertEqual(self.values(self.district_officer, q="thon 3"), [self.sibling.public_code])

    def test_the_code_on_the_poster_finds_it_by_its_first_letters(self) -> None:
        code = self.school.public_code
        self.assertEqual(self.values(self.district_officer, q=code[:6].lower()), [code])

    def test_types_narrow_the_matches(self) -> None:
        self.assertEqual(self.values(self.district_officer, q="duc manh", types="school"), [self.school.public_code])

    def test_no_more_than_the_limit_is_sent(self) -> None:
        for n in range(PICK_LIMIT + 5):
            make_place(self.commune_a, f"Quầy tạp hóa số {n}")
        self.assertEqual(len(self.values(self.district_officer, q="tap hoa")), PICK_LIMIT)

    def test_a_sibling_commune_finds_none_of_the_others_places(self) -> None:
        self.assertEqual(self.values(self.officer_b, q="duc manh"), [])
        self.assertEqual(self.values(self.officer_b, q=self.market.public_code), [])
        self.assertEqual(self.values(self.officer_a, q="cho"), [self.market.public_code])

    def test_an_owner_finds_only_their_own_places(self) -> None:
        self.assertEqual(self.values(self.owner, q="duc manh"), [self.market.public_code])

    def test_the_public_is_sent_to_sign_in(self) -> None:
        self.assertEqual(self.client.get(self.url, {"q": "cho"}).status_code, 302)
