from readiness.models import Stock

from .base import ReadinessTestCase


class ReadinessApiTests(ReadinessTestCase):
    def url(self, unit) -> str:  # type: ignore[no-untyped-def]
        return f"/api/v1/readiness/units/{unit.scheme}/{unit.code}"

    def test_a_commune_declares_and_reads_back_its_resources(self) -> None:
        body = {
            "duty_phone": "0261 3544 123",
            "members": [{"committee_role": "Trưởng ban", "position": "Chủ tịch UBND xã"}],
            "stocks": [{"kind": "giuong-dieu-tri", "quantity": 20, "in_use": 4}, {"kind": "xe-loa", "quantity": 1}],
        }
        response = self.api_put(self.officer_a, self.url(self.commune_a), body)
        self.assertEqual(response.status_code, 200, response.content)
        beds = next(s for s in response.json()["stocks"] if s["kind"] == "giuong-dieu-tri")
        self.assertEqual((beds["quantity"], beds["in_use"]), (20, 4))
        read = self.api_get(self.district_officer, self.url(self.commune_a)).json()
        self.assertEqual(read["members"][0]["position"], "Chủ tịch UBND xã")

    def test_bad_figures_answer_422_in_vietnamese_and_change_nothing(self) -> None:
        body = {"stocks": [{"kind": "xe-loa", "quantity": 2}, {"kind": "giuong-dieu-tri", "quantity": 5, "in_use": 9}]}
        headers = {**self.api_headers(self.officer_a), "Accept-Language": "vi"}
        response = self.client.put(self.url(self.commune_a), body, content_type="application/json", headers=headers)
        self.assertEqual(response.status_code, 422)
        fields = {e["field"]: e["message"] for e in response.json()["errors"]}
        self.assertIn("giuong-dieu-tri.in_use", fields)
        response = self.client.put(
            self.url(self.commune_a),
            {"stocks": [{"kind": "xe-loa", "quantity": "-3"}]},
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Stock.objects.filter(unit=self.commune_a).exists())

    def test_a_sibling_cannot_read_or_declare_and_an_inspector_cannot_declare(self) -> None:
        self.assertEqual(self.api_get(self.officer_b, self.url(self.commune_a)).status_code, 403)
        body = {"stocks": [{"kind": "xe-loa", "quantity": 2}]}
        for user in (self.officer_b, self.inspector):
            response = self.api_put(user, self.url(self.commune_a), body)
            self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.get(self.url(self.commune_a)).status_code, 401)

    def test_gaps_of_a_district_for_a_scenario(self) -> None:
        response = self.api_get(
            self.district_officer,
            "/api/v1/readiness/gaps",
            {"unit": self.district.code, "scheme": "legacy", "scenario": "10-50"},
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data["scenario"], "10-50")
        self.assertIn(self.commune_a.code, data["short_communes"])
        self.assertEqual(
            {c["code"] for c in data["children"]}, set(self.district.children.values_list("code", flat=True))
        )
        other = self.api_get(self.district_officer, "/api/v1/readiness/gaps", {"unit": self.other_district.code})
        self.assertEqual(other.status_code, 403)
