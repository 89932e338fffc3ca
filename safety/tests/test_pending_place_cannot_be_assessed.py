"""A place whose registration is still waiting (or was rejected) cannot be assessed — not by its
page, not by posting to /places/<id>/assess/, not by the action."""

from django.core.exceptions import ValidationError

from safety.actions.assessments import submit_assessment
from safety.models import Assessment, Registration
from testing import SAFE_ANSWERS, SafetyTestCase, make_place


class PendingPlaceTests(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.place = make_place(self.commune_a, "Quán cà phê Đức Mạnh", owners=[self.owner])
        self.place.registration = Registration.PENDING
        self.place.save()

    def test_the_page_says_why_and_a_post_writes_nothing(self) -> None:
        self.client.force_login(self.owner)
        url = f"/places/{self.place.pk}/assess/"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "chưa được", status_code=409)
        posted = self.client.post(url, {f"item-{code}": value for code, value in SAFE_ANSWERS.items()})
        self.assertEqual(posted.status_code, 409)
        self.assertFalse(Assessment.objects.exists())

    def test_the_action_refuses_too(self) -> None:
        for registration in (Registration.PENDING, Registration.REJECTED):
            self.place.registration = registration
            self.place.save()
            with self.subTest(registration=registration), self.assertRaises(ValidationError):
                submit_assessment(self.place, None, SAFE_ANSWERS, by=self.owner)
        self.assertFalse(Assessment.objects.exists())
