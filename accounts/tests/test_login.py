from django.test import override_settings

from testing import PASSWORD, JurisdictionTestCase


class LoginPageTests(JurisdictionTestCase):
    def login(self, username: str, password: str, client=None):  # type: ignore[no-untyped-def]
        return (client or self.client).post("/login/", {"username": username, "password": password})

    def test_login_page_is_in_vietnamese(self) -> None:
        response = self.client.get("/login/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Đăng nhập")
        self.assertContains(response, "Mật khẩu")

    def test_right_password_signs_in_and_lands_on_the_jurisdiction(self) -> None:
        response = self.login("commune_a", PASSWORD)
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        page = self.client.get("/", follow=True)
        self.assertContains(page, self.commune_a.name)

    def test_next_is_followed_only_within_the_site(self) -> None:
        response = self.client.post("/login/?next=/units/search/", {"username": "admin", "password": PASSWORD})
        self.assertRedirects(response, "/units/search/", fetch_redirect_response=False)
        client = self.client_class()
        response = client.post("/login/?next=https://evil.example/", {"username": "admin", "password": PASSWORD})
        self.assertEqual(response["Location"], "/")

    def test_wrong_password_shows_an_error_in_vietnamese(self) -> None:
        response = self.login("commune_a", "wrong")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Sai tên đăng nhập hoặc mật khẩu")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_logout_needs_a_post(self) -> None:
        client = self.client_for(self.officer_a)
        self.assertEqual(client.get("/logout/").status_code, 405)
        client.post("/logout/")
        self.assertEqual(client.get(f"/units/legacy/{self.commune_a.code}/").status_code, 302)

    def test_admin_login_goes_through_the_same_page(self) -> None:
        response = self.client.get("/admin/login/?next=/admin/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login/?next="))


@override_settings(LOGIN_FAILURE_LIMIT=5)
class LoginThrottlingTests(JurisdictionTestCase):
    def fail_login(self, times: int, username: str = "commune_a") -> None:
        for _ in range(times):
            self.client.post("/login/", {"username": username, "password": "wrong"})

    def test_after_five_failures_even_the_right_password_waits(self) -> None:
        self.fail_login(5)
        response = self.client.post("/login/", {"username": "commune_a", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "15 phút", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_four_failures_then_success_resets_the_count(self) -> None:
        self.fail_login(4)
        response = self.client.post("/login/", {"username": "commune_a", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        self.client.post("/logout/")
        self.fail_login(4)
        self.assertEqual(self.client.post("/login/", {"username": "commune_a", "password": PASSWORD}).status_code, 302)

    def test_lockout_of_one_account_does_not_lock_another(self) -> None:
        self.fail_login(5)
        response = self.client.post("/login/", {"username": "commune_b", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)

    def test_username_case_and_diacritics_do_not_dodge_the_limit(self) -> None:
        self.fail_login(3, "commune_a")
        self.fail_login(2, "COMMUNE_A")
        response = self.client.post("/login/", {"username": "commune_a", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)

    @override_settings(LOGIN_FAILURE_LIMIT_PER_ADDRESS=8)
    def test_one_address_trying_many_accounts_is_stopped(self) -> None:
        for username in ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]:
            self.fail_login(1, username)
        response = self.client.post("/login/", {"username": "commune_b", "password": PASSWORD})
        self.assertEqual(response.status_code, 429)

    def test_token_endpoint_is_throttled_too(self) -> None:
        for _ in range(5):
            response = self.client.post(
                "/api/v1/auth/token", {"username": "district", "password": "wrong"}, content_type="application/json"
            )
            self.assertEqual(response.status_code, 401)
        response = self.client.post(
            "/api/v1/auth/token", {"username": "district", "password": PASSWORD}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 429)
        self.assertIn("15", response.json()["detail"])
