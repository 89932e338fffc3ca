"""A communication officer of a newspaper has no unit but an organisation: the home page names it
and leads to its directives, instead of saying the account has no role."""

from testing import JurisdictionTestCase


class OrganisationHomeTests(JurisdictionTestCase):
    def test_the_press_officer_sees_their_organisation(self) -> None:
        self.client.force_login(self.press)
        response = self.client.get("/", follow=True)
        self.assertContains(response, 'data-testid="organisations"')
        self.assertContains(response, "Báo Đắk Nông")
        self.assertContains(response, 'href="/directives/"')
