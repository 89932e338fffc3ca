from lib.text import fold
from testing import JurisdictionTestCase


class FoldTests(JurisdictionTestCase):
    def test_fold_ignores_diacritics_case_and_apostrophes(self) -> None:
        self.assertEqual(fold("Đắk R'Lấp"), "dak rlap")
        self.assertEqual(fold("DAK R'LAP"), "dak rlap")
        self.assertEqual(fold("  Tổ dân phố  1 "), "to dan pho 1")
        self.assertEqual(fold("Krông Nô"), "krong no")


class UnitSearchApiTests(JurisdictionTestCase):
    def search(self, text: str) -> list[str]:
        response = self.client.get("/api/v1/units", {"q": text, "level": "district"})
        self.assertEqual(response.status_code, 200)
        return [item["code"] for item in response.json()["items"]]

    def test_all_spellings_find_dak_rlap(self) -> None:
        for text in ["dak rlap", "Đắk R'Lấp", "DAK R'LAP", "huyen dak r'lap", "rlap"]:
            with self.subTest(text=text):
                self.assertEqual(self.search(text), ["666"])

    def test_words_in_any_order_must_all_match(self) -> None:
        self.assertEqual(self.search("mil dak"), ["663"])
        self.assertEqual(self.search("dak nowhere"), [])


class UnitSearchPageTests(JurisdictionTestCase):
    def test_officer_finds_units_of_their_jurisdiction_only(self) -> None:
        client = self.client_for(self.district_officer)
        response = client.get("/units/search/", {"q": "thon 1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.village_a.name)
        self.assertNotContains(response, f"/units/legacy/{self.other_commune.code}-001/")
        found = client.get("/units/search/", {"q": self.other_commune.short_name})
        self.assertNotContains(found, f"/units/legacy/{self.other_commune.code}/")

    def test_htmx_request_gets_only_the_results_fragment(self) -> None:
        client = self.client_for(self.province_officer)
        response = client.get("/units/search/", {"q": "dak mil"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, "/units/legacy/663/")
        self.assertNotContains(response, "<html")
