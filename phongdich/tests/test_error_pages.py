"""Error pages are the site's own, in Vietnamese, and say what to do next — never a bare English
"403 Forbidden", "Not Found" or "CSRF verification failed"."""

from django.test import Client, RequestFactory
from django.views.defaults import server_error

from testing import JurisdictionTestCase

ENGLISH = ("Forbidden", "Not Found", "CSRF verification failed", "Server Error")


class ErrorPagesTests(JurisdictionTestCase):
    def assertHelpful(self, response, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
        self.assertEqual(response.status_code, status)
        page = response.content.decode()
        self.assertIn('data-testid="error-page"', page)
        self.assertIn(words, page)
        self.assertIn("Cần làm gì", page)
        for english in ENGLISH:
            self.assertNotIn(english, page)

    def test_an_unknown_address(self) -> None:
        self.assertHelpful(self.client.get("/khong-co-trang-nay/"), 404, "Trang này không tồn tại")

    def test_a_page_of_another_role(self) -> None:
        self.client.force_login(self.inspector)
        response = self.client.get("/zones/dashboard/")
        self.assertHelpful(response, 403, "Bạn không được mở trang này")
        self.assertContains(response, "Về trang chủ", status_code=403)

    def test_a_form_sent_without_its_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.post("/login/", {"username": "x", "password": "y"})
        self.assertHelpful(response, 403, "Không gửi được biểu mẫu")

    def test_a_server_error(self) -> None:
        from django.utils import translation

        with translation.override("vi"):
            response = server_error(RequestFactory().get("/"))
        self.assertHelpful(response, 500, "Đã có lỗi ở phía hệ thống")
