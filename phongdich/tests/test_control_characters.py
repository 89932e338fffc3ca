"""Control characters and lone surrogates are refused at the edge — 422 in the API, a form error
on pages — and exports of data saved before never fail because of them."""

import json

from django.db import connection

from enforcement.models import Violation, ViolationStatus, ViolationType
from safety.models import EstablishmentType
from testing import SafetyTestCase, make_place

URL = "/api/v1/establishments"


class ControlCharacterTests(SafetyTestCase):
    def post_raw(self, body: str):  # type: ignore[no-untyped-def]
        return self.api_post(self.officer_a, URL, body)

    def test_the_api_refuses_a_control_character_with_422(self) -> None:
        for name in ("Chợ\x00Đức Mạnh", "Chợ\x07", "Chợ\x1b[31m", "Chợ\u0085"):
            with self.subTest(name=repr(name)):
                body = json.dumps({"name": name, "type": "market", "unit": self.commune_a.code})
                response = self.post_raw(body)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["errors"][0]["field"], "name")
        self.assertFalse(self.places())

    def test_the_api_refuses_a_lone_surrogate_with_422(self) -> None:
        body = '{"name": "Ch\\ud800", "type": "market", "unit": "' + self.commune_a.code + '"}'
        response = self.post_raw(body)
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn("U+D800", response.json()["detail"])
        self.assertFalse(self.places())

    def test_a_query_string_with_a_control_character(self) -> None:
        response = self.client.get("/api/v1/public/places", {"q": "chợ\x00"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "q")
        self.assertEqual(self.client.get("/map/", {"q": "chợ\x00"}).status_code, 400)

    def test_a_page_form_shows_an_error_on_the_field(self) -> None:
        data = {
            "name": "Chợ\x01Đức Mạnh",
            "type": EstablishmentType.objects.get(code="market").pk,
            "unit": self.commune_a.code,
            "status": "operating",
        }
        response = self.client_for(self.officer_a).post("/places/new/", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("U+0001", str(response.context["form"].errors["name"]))
        self.assertFalse(self.places())

    def test_tabs_and_newlines_in_long_text_pass(self) -> None:
        body = json.dumps(
            {"name": "Chợ Đức Mạnh", "type": "market", "unit": self.commune_a.code, "address": "Thôn 1\n\tĐắk Mil"}
        )
        self.assertEqual(self.post_raw(body).status_code, 201)

    def test_exports_of_bad_data_saved_earlier_still_work(self) -> None:
        make_place(self.commune_a, "Chợ\x01cũ", contact_name="Anh\x0bBa")
        kind = ViolationType.objects.create(code="tu-tap", name="Tụ tập\x03", legal_basis="NĐ 117", fine_max=1000)
        Violation.objects.create(
            offender_kind="person",
            offender_name="Lê\x02Văn",
            type=kind,
            act="Tụ tập\x1f",
            unit=self.commune_a,
            occurred_on="2021-05-10",
            status=ViolationStatus.DECIDED,
            decision_date="2021-05-11",
            decision_number="1/QĐ",
            fine_amount=500,
        )
        client = self.client_for(self.province_officer)
        for path in ("/places/export.xlsx", "/safety/overdue.xlsx", "/enforcement/report.xlsx?period=2021-05"):
            with self.subTest(path=path):
                response = client.get(path)
                self.assertEqual(response.status_code, 200)
                content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
                self.assertTrue(content.startswith(b"PK"))

    def places(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM safety_establishment")
            return [row[0] for row in cursor.fetchall()]


class ApiErrorFormatTests(SafetyTestCase):
    def test_a_body_too_large_is_a_json_413(self) -> None:
        with self.settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
            response = self.api_post(
                self.officer_a, URL, json.dumps({"name": "x" * 2000, "type": "market", "unit": self.commune_a.code})
            )
        self.assertEqual(response.status_code, 413)
        self.assertIn("detail", response.json())

    def test_a_body_that_is_not_json_is_a_json_400(self) -> None:
        response = self.api_post(self.officer_a, URL, "{not json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("detail", response.json())

    def test_an_unknown_endpoint_is_a_json_404(self) -> None:
        response = self.client.get("/api/v1/no-such-thing")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("detail", response.json())

    def test_a_method_the_address_does_not_take_is_a_json_405_that_says_which_it_takes(self) -> None:
        response = self.client.get(f"/api/v1/levels/{self.commune_a.scheme}/{self.commune_a.code}/framework")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["Allow"], "PUT")
        self.assertIn("detail", response.json())
