"""The site has an icon: no 404 on every first visit for /favicon.ico, and pages link to it."""

from django.test import TestCase


class FaviconTests(TestCase):
    def test_favicon_ico_leads_to_the_icon(self) -> None:
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].endswith("favicon.svg"))

    def test_pages_link_the_icon(self) -> None:
        self.assertContains(self.client.get("/login/"), 'rel="icon"')
