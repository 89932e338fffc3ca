"""No dead ends: every link of the navigation opens for the user it is shown to — no 403, no 404."""

import re
from io import StringIO

from django.core.management import call_command

from testing import JurisdictionTestCase

SKIPPED = ("/api/", "/admin/", "/static/")


class NavigationLinksTests(JurisdictionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        call_command("load_readiness", stdout=StringIO())  # reference data every installation loads

    def links_of(self, user) -> list[str]:  # type: ignore[no-untyped-def]
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        page = self.client.get("/", follow=True).content.decode()
        nav = page[page.index("<nav") : page.index("</nav>")]
        return sorted({link for link in re.findall(r'href="(/[^"#?]*)', nav) if not link.startswith(SKIPPED)})

    def test_every_link_opens_for_every_role(self) -> None:
        users = {
            "admin": self.admin,
            "province": self.province_officer,
            "district": self.district_officer,
            "commune": self.officer_a,
            "inspector": self.inspector,
            "press": self.press,
            "owner": self.owner,
            "public": None,
        }
        for name, user in users.items():
            links = self.links_of(user)
            self.assertTrue(links)
            for link in links:
                with self.subTest(user=name, link=link):
                    self.assertLess(self.client.get(link).status_code, 400, f"{name} {link}")

    def test_the_inspector_is_not_offered_the_zones_dashboard(self) -> None:
        self.assertNotIn("/zones/dashboard/", self.links_of(self.inspector))
        self.assertIn("/zones/dashboard/", self.links_of(self.district_officer))
