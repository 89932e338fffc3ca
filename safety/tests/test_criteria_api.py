"""The public criteria-sets API: the sets in force, one set in full, older versions."""

from safety.actions.criteria import revise_criteria_set
from safety.criteria import current_set
from testing import CriteriaSetsTestCase


class CriteriaApiTests(CriteriaSetsTestCase):
    def test_the_list_is_public_and_says_which_sets_can_be_used(self) -> None:
        response = self.client.get("/api/v1/criteria-sets")
        self.assertEqual(response.status_code, 200)
        body = {entry["code"]: entry for entry in response.json()}
        self.assertEqual(len(body), 8)
        clinics = body["qd-4999-co-so-kham-chua-benh"]
        self.assertEqual(
            set(clinics),
            {"code", "version", "title", "legal_basis", "status", "status_note", "validity_days", "usable"},
        )
        self.assertEqual((clinics["version"], clinics["status"], clinics["validity_days"]), (1, "partial", 30))
        self.assertEqual(
            {code for code, entry in body.items() if not entry["usable"]}, {"qd-3088-benh-vien", "hue-2020-nha-hang"}
        )
        self.assertIn("Quyết định 4999/QĐ-BYT", response.content.decode())  # readable, not escaped

    def test_one_set_in_full(self) -> None:
        response = self.client.get("/api/v1/criteria-sets/qd-2194-co-so-san-xuat-kinh-doanh")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            (body["direction"], body["basis"], body["versions"], body["is_current"]), ("risk", "percent", [1], True)
        )
        items = body["sections"][0]["items"]
        self.assertEqual([i["code"] for i in items], ["CS1", "CS2", "CS3"])
        self.assertEqual([i["max_points"] for i in items], [10, 10, 5])
        self.assertEqual(items[0]["bands"][0], {"below": 50, "points": 1})
        self.assertEqual(items[0]["bands"][-1], {"below": None, "points": 10})
        self.assertEqual(
            items[1]["options"][1], {"code": "duoi_1m2", "label": "Dưới 1 m² cho 01 người lao động", "points": 10}
        )
        self.assertTrue(all(i["official_text"] for i in items))
        self.assertEqual(
            [(b["code"], b["min"], b["min_inclusive"], b["state"]) for b in body["bands"]][:2],
            [("rat_it_nguy_co", 0, True, "safe"), ("thap", 15, False, "safe")],
        )

    def test_rules_and_key_criteria(self) -> None:
        body = self.client.get("/api/v1/criteria-sets/cv-1467-truong-hoc").json()
        self.assertEqual(
            body["rules"],
            [
                {
                    "kind": "key_items_failed",
                    "band": "chua_tot",
                    "value": None,
                    "when_bands": [],
                    "items": ["TC4", "TC5", "TC10", "TC11"],
                    "message": "Có tiêu chí then chốt (4, 5, 10, 11) không đạt",
                }
            ],
        )
        keys = [i["code"] for s in body["sections"] for i in s["items"] if i["key"]]
        self.assertEqual(keys, ["TC4", "TC5", "TC10", "TC11"])
        self.assertFalse(any(i["official_text"] for s in body["sections"] for i in s["items"]))
        veto = self.client.get("/api/v1/criteria-sets/qd-1203-hcm-co-so-san-xuat").json()["rules"][0]
        self.assertEqual(
            (veto["kind"], veto["value"], veto["when_bands"], veto["band"]),
            ("any_item_at_least", 7, ["trung_binh"], "cao"),
        )

    def test_an_older_version(self) -> None:
        revise_criteria_set(current_set("qd-5619-khu-vuc-dich-vu"), by=self.admin, validity_days=14)
        url = "/api/v1/criteria-sets/qd-5619-khu-vuc-dich-vu"
        current = self.client.get(url).json()
        self.assertEqual((current["version"], current["validity_days"], current["versions"]), (2, 14, [1, 2]))
        old = self.client.get(url, {"version": 1}).json()
        self.assertEqual((old["version"], old["validity_days"], old["is_current"]), (1, 7, False))

    def test_unknown_sets_and_versions(self) -> None:
        response = self.client.get("/api/v1/criteria-sets/khong-co")
        self.assertEqual(response.status_code, 404)
        self.assertIn("khong-co", response.json()["detail"])
        for missing in (5, 99_999_999_999):
            response = self.client.get("/api/v1/criteria-sets/qd-3088-benh-vien", {"version": missing})
            self.assertEqual(response.status_code, 404)
        for bad in ("0", "x"):
            response = self.client.get("/api/v1/criteria-sets/qd-3088-benh-vien", {"version": bad})
            self.assertEqual(response.status_code, 422)
            self.assertEqual(response.json()["errors"][0]["field"], "version")

    def test_a_set_without_criteria_still_shows_its_bands_and_rules(self) -> None:
        body = self.client.get("/api/v1/criteria-sets/qd-3088-benh-vien").json()
        self.assertEqual((body["usable"], body["sections"]), (False, []))
        self.assertEqual([b["code"] for b in body["bands"]], ["khong_an_toan", "an_toan_thap", "an_toan"])
        self.assertEqual(body["rules"][0]["kind"], "any_item_zero")
