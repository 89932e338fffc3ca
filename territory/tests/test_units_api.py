from testing import JurisdictionTestCase


class UnitsListTests(JurisdictionTestCase):
    def test_children_of_a_province(self) -> None:
        response = self.client.get("/api/v1/units", {"parent": "67"})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 8)
        self.assertEqual({item["level"] for item in body["items"]}, {"district"})
        self.assertTrue(all(item["parent_code"] == "67" for item in body["items"]))

    def test_scheme_2025_has_communes_directly_under_the_province(self) -> None:
        response = self.client.get("/api/v1/units", {"parent": "68", "scheme": "2025"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 124)
        self.assertEqual({item["level"] for item in response.json()["items"]}, {"commune"})

    def test_level_filter_and_pagination(self) -> None:
        response = self.client.get("/api/v1/units", {"level": "commune", "page": "1"})
        self.assertEqual(response.json()["count"], 71)
        self.assertEqual(len(response.json()["items"]), 71)

    def test_unknown_parent_is_a_clear_404(self) -> None:
        response = self.client.get("/api/v1/units", {"parent": "99999"})
        self.assertEqual(response.status_code, 404)
        self.assertIn("99999", response.json()["detail"])

    def test_unknown_scheme_or_level_is_422(self) -> None:
        self.assertEqual(self.client.get("/api/v1/units", {"scheme": "1999"}).status_code, 422)
        response = self.client.get("/api/v1/units", {"level": "hamlet"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "level")


class UnitDetailTests(JurisdictionTestCase):
    def test_commune_with_ancestors_counts_and_successor(self) -> None:
        response = self.client.get(f"/api/v1/units/legacy/{self.commune_a.code}")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["name"], self.commune_a.name)
        self.assertEqual(body["parent_code"], "663")
        self.assertEqual([a["code"] for a in body["ancestors"]], ["67", "663"])
        self.assertEqual(body["descendant_counts"], {"village": 1})
        self.assertEqual(body["successors"][0]["scheme"], "2025")

    def test_province_counts_every_level_below(self) -> None:
        body = self.client.get("/api/v1/units/legacy/67").json()
        self.assertEqual(body["children_count"], 8)
        self.assertEqual(body["descendant_counts"], {"district": 8, "commune": 71, "village": 3})
        self.assertEqual(body["ancestors"], [])

    def test_same_code_in_2025_is_another_unit(self) -> None:
        body = self.client.get("/api/v1/units/2025/24611").json()
        self.assertEqual(body["name"], "Phường Bắc Gia Nghĩa")
        self.assertIn("Phường Nghĩa Đức", [p["name"] for p in body["predecessors"]])

    def test_unknown_code_is_404_json(self) -> None:
        response = self.client.get("/api/v1/units/legacy/00000")
        self.assertEqual(response.status_code, 404)
        self.assertIn("00000", response.json()["detail"])

    def test_openapi_schema_and_docs_are_served(self) -> None:
        schema = self.client.get("/api/v1/openapi.json")
        self.assertEqual(schema.status_code, 200)
        self.assertIn("/api/v1/units/{scheme}/{code}", schema.json()["paths"])
        docs = self.client.get("/api/v1/docs")
        self.assertEqual(docs.status_code, 200)
        self.assertContains(docs, "/static/ninja/swagger-ui-bundle.js")  # from the package, not a CDN
