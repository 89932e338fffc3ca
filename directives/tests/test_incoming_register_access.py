"""The register of incoming documents belongs to agencies that issue directives: the press and
owners get 403, not an empty page."""

from django.urls import reverse

from .base import DirectiveTestCase


class IncomingRegisterAccessTests(DirectiveTestCase):
    def test_press_and_owners_are_refused(self) -> None:
        for user in (self.press, self.owner):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(reverse("directives:incoming")).status_code, 403)

    def test_an_issuing_agency_keeps_its_register(self) -> None:
        self.assertEqual(self.client_for(self.writer).get(reverse("directives:incoming")).status_code, 200)
        self.assertEqual(self.client_for(self.officer_a).get(reverse("directives:incoming")).status_code, 200)
