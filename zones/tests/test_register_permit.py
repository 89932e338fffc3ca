"""A transport operator asks for a goods permit: one vehicle, its driver, goods, route and dates."""

from datetime import timedelta

from zones.models import GoodsPermit, PermitStatus

from .base import ZonesTestCase, today, typed_permit


class RegisterPermitTests(ZonesTestCase):
    def body(self, **changes):  # type: ignore[no-untyped-def]
        route = {"origin": self.commune_a.code, "destination": self.other_commune.code, "waypoints": ["663", "664"]}
        return typed_permit() | {"goods_detail": "Cà phê nhân", **route} | changes

    def post(self, user=None, **changes):  # type: ignore[no-untyped-def]
        return self.api_post(user or self.owner, "/api/v1/permits", self.body(**changes))

    def test_an_operator_asks_for_a_permit(self) -> None:
        response = self.post()
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["plate"]), ("pending", "48C-123.45"))
        self.assertTrue(body["number"].startswith("LX-"))
        self.assertEqual(body["operator_phone"], "0912345678")
        permit = GoodsPermit.objects.get()
        self.assertEqual(permit.requested_by, self.owner)
        self.assertEqual(
            permit.route_text, f"{self.commune_a.name} → Huyện Đắk Mil → Huyện Krông Nô → {self.other_commune.name}"
        )
        self.assertEqual(list(permit.stops.values_list("unit__code", flat=True)), ["663", "664"])

    def test_the_operator_and_the_origins_officers_see_it_a_sibling_does_not(self) -> None:
        permit_id = self.post().json()["id"]
        for user in (self.owner, self.officer_a, self.district_officer, self.province_officer):
            with self.subTest(user=user.username):
                response = self.api_get(user, f"/api/v1/permits/{permit_id}")
                self.assertEqual(response.status_code, 200)
        for user in (self.officer_b, self.other_district_officer, self.press):
            with self.subTest(user=user.username):
                response = self.api_get(user, f"/api/v1/permits/{permit_id}")
                self.assertEqual(response.status_code, 404)
        listed = self.api_get(self.officer_b, "/api/v1/permits").json()
        self.assertEqual(listed, [])

    def test_bad_input_gets_a_message_at_its_field_and_changes_nothing(self) -> None:
        cases = [
            ({"plate": "ABC-123"}, "plate"),  # an unknown plate format
            ({"plate": "13A-123.45"}, "plate"),  # no locality has code 13
            ({"operator_phone": "12345"}, "operator_phone"),
            ({"driver_phone": "0912"}, "driver_phone"),
            ({"operator_name": " "}, "operator_name"),
            ({"driver_name": ""}, "driver_name"),
            ({"goods_type": "vu-khi"}, "goods_type"),
            ({"origin": "00000"}, "origin"),
            ({"destination": ""}, "destination"),
            ({"origin": self.village_a.code}, "origin"),
            ({"valid_until": (today() - timedelta(days=1)).isoformat()}, "valid_until"),  # an end before its start
            (
                {
                    "valid_from": (today() - timedelta(days=40)).isoformat(),
                    "valid_until": (today() - timedelta(days=10)).isoformat(),
                },
                "valid_until",
            ),
            ({"valid_until": (today() + timedelta(days=400)).isoformat()}, "valid_until"),
        ]
        for changes, field in cases:
            with self.subTest(field=field, changes=changes):
                response = self.post(**changes)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertIn(field, [e["field"] for e in response.json()["errors"]])
        self.assertEqual(self.post(waypoints=["00000"]).status_code, 404)
        self.assertEqual(self.post(valid_from="tomorrow").status_code, 422)
        self.assertFalse(GoodsPermit.objects.exists())

    def test_the_same_vehicle_cannot_hold_two_permits_for_the_same_days(self) -> None:
        self.assertEqual(self.post().status_code, 201)
        response = self.post(plate="48C-12345")
        self.assertEqual(response.status_code, 409)
        self.assertIn("48C-123.45", response.json()["detail"])
        later = (today() + timedelta(days=31)).isoformat()
        self.assertEqual(self.post(valid_from=later, valid_until=later).status_code, 201)
        GoodsPermit.objects.filter(valid_from=today()).update(status=PermitStatus.REJECTED)
        self.assertEqual(self.post().status_code, 201)  # a rejected one does not hold the days

    def test_anonymous_callers_cannot_ask(self) -> None:
        response = self.client.post("/api/v1/permits", self.body(), content_type="application/json")
        self.assertEqual(response.status_code, 401)

    def test_the_form(self) -> None:
        client = self.client_for(self.owner)
        self.assertEqual(client.get("/permits/new/").status_code, 200)
        data = {
            "operator_name": "Công ty Vận tải",
            "operator_phone": "0912345678",
            "plate": "48C-999",
            "driver_name": "Trần Văn Bình",
            "goods_type": "nong-san",
            "origin": self.commune_a.code,
            "destination": self.commune_b.code,
            "valid_from": today().isoformat(),
            "valid_until": (today() + timedelta(days=10)).isoformat(),
        }
        response = client.post("/permits/new/", data)
        self.assertEqual(response.status_code, 422)
        self.assertContains(response, 'data-field-error="plate"', status_code=422)
        response = client.post("/permits/new/", {**data, "plate": "48C-999.99", "waypoints": "663, 00000"})
        self.assertContains(response, 'data-field-error="waypoints"', status_code=422)
        response = client.post("/permits/new/", {**data, "plate": "48C-999.99", "waypoints": "663"})
        permit = GoodsPermit.objects.get()
        self.assertRedirects(response, f"/permits/{permit.pk}/")
