from accounts.models import ApiToken
from testing import PASSWORD, JurisdictionTestCase


class ApiTokenTests(JurisdictionTestCase):
    def token(self, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
        return self.client.post(
            "/api/v1/auth/token", {"username": username, "password": password}, content_type="application/json"
        )

    def test_username_and_password_give_a_token_stored_only_as_a_hash(self) -> None:
        response = self.token("district")
        self.assertEqual(response.status_code, 200)
        key = response.json()["token"]
        self.assertGreaterEqual(len(key), 40)
        stored = ApiToken.objects.get(user=self.district_officer)
        self.assertNotEqual(stored.key_hash, key)
        self.assertNotIn(key, stored.key_hash)

    def test_me_shows_roles_and_the_unit_each_is_scoped_to(self) -> None:
        key = self.token("district").json()["token"]
        response = self.client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["username"], "district")
        self.assertFalse(body["is_administrator"])
        self.assertEqual(len(body["roles"]), 1)
        role = body["roles"][0]
        self.assertEqual(role["role"], "officer")
        self.assertEqual(
            role["unit"],
            {"code": "663", "scheme": "legacy", "name": "Huyện Đắk Mil", "level": "district", "path": "legacy/67/663/"},
        )

    def test_communication_officer_is_scoped_to_an_organisation(self) -> None:
        body = self.api_get(self.press, "/api/v1/me").json()
        self.assertEqual(body["roles"][0]["organisation"]["code"], "67-bao-dak-nong")
        self.assertIsNone(body["roles"][0]["unit"])

    def test_wrong_password_is_401_with_a_message(self) -> None:
        response = self.token("district", "wrong-password")
        self.assertEqual(response.status_code, 401)
        self.assertIn("mật khẩu", response.json()["detail"])

    def test_missing_malformed_or_revoked_tokens_are_401(self) -> None:
        self.assertEqual(self.client.get("/api/v1/me").status_code, 401)
        self.assertEqual(self.client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"}).status_code, 401)
        self.assertEqual(self.client.get("/api/v1/me", headers={"Authorization": "Token abc"}).status_code, 401)
        headers = self.api_headers(self.officer_a)
        ApiToken.objects.filter(user=self.officer_a).delete()
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 401)

    def test_token_of_a_deactivated_user_stops_working(self) -> None:
        headers = self.api_headers(self.officer_b)
        self.officer_b.is_active = False
        self.officer_b.save()
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).status_code, 401)

    def test_malformed_body_is_422_not_500(self) -> None:
        response = self.client.post("/api/v1/auth/token", "not json", content_type="application/json")
        self.assertIn(response.status_code, {400, 422})
        response = self.client.post("/api/v1/auth/token", {"username": "x"}, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "payload.password")
