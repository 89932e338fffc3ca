"""The criteria pages: the provincial administrator's only, honest about partial and empty sets."""

import copy

from django.urls import reverse

from safety.actions.criteria import revise_criteria_set
from safety.criteria import current_set
from testing import SIMPLE_DEFINITION, CriteriaSetsTestCase, make_criteria_set

LIST = reverse("safety:criteria_list")


def detail(code: str) -> str:
    return reverse("safety:criteria_detail", args=[code])


class CriteriaPagesTests(CriteriaSetsTestCase):
    def test_the_list_shows_every_set_with_partial_and_empty_ones_plainly_marked(self) -> None:
        response = self.client_for(self.admin).get(LIST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="criteria-set"', count=8)
        self.assertContains(response, 'data-testid="partial"', count=7)
        self.assertContains(response, 'data-testid="complete"', count=1)  # the test base's own set
        self.assertContains(response, 'data-testid="unusable"', count=2)
        self.assertContains(response, 'data-code="qd-3088-benh-vien"')
        self.assertContains(response, "Quyết định 2194/QĐ-BCĐQG ngày 27/5/2020")
        self.assertContains(response, current_set("qd-4999-co-so-kham-chua-benh").status_note)

    def test_a_set_shows_its_sections_criteria_bands_and_rules(self) -> None:
        response = self.client_for(self.admin).get(detail("cv-1467-truong-hoc"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual([s["code"] for s in response.context["sections"]], ["truoc", "o_truong", "sau"])
        self.assertContains(response, 'data-testid="criterion"', count=15)
        self.assertContains(response, 'data-testid="not-official"', count=15)
        self.assertContains(response, 'data-testid="band"', count=3)
        self.assertContains(response, 'data-testid="rule"', count=1)
        self.assertContains(response, "TC4, TC5, TC10, TC11")
        self.assertContains(response, reverse("safety:criteria_template", args=["cv-1467-truong-hoc"]))

    def test_an_empty_set_says_the_full_set_must_be_imported(self) -> None:
        response = self.client_for(self.admin).get(detail("qd-3088-benh-vien"))
        self.assertContains(response, 'data-testid="unusable"', count=1)
        self.assertContains(response, 'data-testid="partial"', count=1)
        self.assertContains(response, 'data-testid="criterion"', count=0)
        self.assertContains(response, 'data-testid="band"', count=3)

    def test_an_older_version_can_be_read(self) -> None:
        definition = copy.deepcopy(SIMPLE_DEFINITION)
        definition["sections"][0]["items"].pop()
        revise_criteria_set(self.criteria_set, by=self.admin, definition=definition)
        client = self.client_for(self.admin)
        old = client.get(detail(self.criteria_set.code), {"version": 1})
        self.assertEqual(old.context["criteria_set"].version, 1)
        self.assertContains(old, 'data-testid="old-version"')
        self.assertContains(old, 'data-testid="criterion"', count=4)
        self.assertNotContains(old, 'action="/criteria/')  # only the current version takes an import
        self.assertContains(client.get(detail(self.criteria_set.code)), 'data-testid="criterion"', count=3)
        for missing in ("9", "99999999999", "x", "-1"):
            self.assertEqual(client.get(detail(self.criteria_set.code), {"version": missing}).status_code, 404)

    def test_an_unknown_set_is_404(self) -> None:
        self.assertEqual(self.client_for(self.admin).get(detail("khong-co")).status_code, 404)

    def test_names_are_escaped(self) -> None:
        definition = copy.deepcopy(SIMPLE_DEFINITION)
        definition["sections"][0]["items"][0]["text"] = "<script>alert(1)</script>"
        make_criteria_set("html-set", definition, title="<b>Bộ</b>", legal_basis="<i>QĐ</i>")
        client = self.client_for(self.admin)
        for response in (client.get(LIST), client.get(detail("html-set"))):
            self.assertNotContains(response, "<b>Bộ</b>")
            self.assertContains(response, "&lt;b&gt;Bộ&lt;/b&gt;")
            self.assertNotContains(response, "<i>QĐ</i>")
        self.assertNotContains(client.get(detail("html-set")), "<script>alert(1)</script>")

    def test_nobody_else_may_see_the_pages(self) -> None:
        for user in self.everyone_but_the_administrator():
            client = self.client_for(user)
            with self.subTest(user=user.username):
                self.assertEqual(client.get(LIST).status_code, 403)
                self.assertEqual(client.get(detail("qd-3088-benh-vien")).status_code, 403)

    def test_the_public_is_sent_to_sign_in(self) -> None:
        response = self.client.get(LIST)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])
