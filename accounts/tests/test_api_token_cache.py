"""A token and its user are cached between requests, and forgotten as soon as either changes:
a revoked token or a deactivated user is refused on the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from testing import JurisdictionTestCase


class ApiTokenCacheTests(JurisdictionTestCase):
    def me(self, headers: dict[str, str]) -> int:
        return self.client.get("/api/v1/me", headers=headers).status_code

    def test_a_known_token_is_not_read_from_the_database_again(self) -> None:
        headers = self.api_headers(self.officer_a)
        self.assertEqual(self.me(headers), 200)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.me(headers), 200)
        self.assertFalse([q for q in queries.captured_queries if "accounts_apitoken" in q["sql"]])

    def test_a_token_deleted_after_use_is_refused_at_once(self) -> None:
        headers = self.api_headers(self.officer_a)
        self.assertEqual(self.me(headers), 200)
        ApiToken.objects.filter(user=self.officer_a).delete()
        self.assertEqual(self.me(headers), 401)

    def test_a_user_deactivated_after_using_a_token_is_refused_at_once(self) -> None:
        headers = self.api_headers(self.officer_b)
        self.assertEqual(self.me(headers), 200)
        self.officer_b.is_active = False
        self.officer_b.save()
        self.assertEqual(self.me(headers), 401)

    def test_a_renamed_user_is_seen_renamed(self) -> None:
        headers = self.api_headers(self.officer_b)
        self.assertEqual(self.me(headers), 200)
        self.officer_b.full_name = "Nguyễn Văn Mới"
        self.officer_b.save()
        self.assertEqual(self.client.get("/api/v1/me", headers=headers).json()["full_name"], "Nguyễn Văn Mới")
