"""The result page after an assessment: score, band, state, what to fix, rules applied, validity."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from safety.actions.assessments import submit_assessment
from safety.models import STATE_COLOURS, Assessment, PublicState
from testing import SAFE_ANSWERS, UNSAFE_ANSWERS, OwnedPlaceTestCase


class AssessmentResultTests(OwnedPlaceTestCase):
    unsafe: Assessment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.unsafe = submit_assessment(cls.place, cls.criteria_set, UNSAFE_ANSWERS, by=cls.owner)

    def url(self, assessment=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("safety:assessment", kwargs={"pk": (assessment or self.unsafe).pk})

    def test_shows_score_band_state_and_validity(self) -> None:
        response = self.client_for(self.owner).get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["state"]["code"], PublicState.UNSAFE)
        self.assertContains(response, 'data-state="unsafe"')
        self.assertContains(response, STATE_COLOURS[PublicState.UNSAFE])
        self.assertContains(response, "16 / 20")
        self.assertContains(response, "Không an toàn")
        self.assertContains(response, timezone.localtime(self.unsafe.valid_until).strftime("%d/%m/%Y"))
        self.assertContains(response, f'data-code="{self.criteria_set.code}" data-version="1"')
        self.assertContains(response, self.criteria_set.title)

    def test_shows_what_to_fix_first_and_the_veto_message(self) -> None:
        response = self.client_for(self.owner).get(self.url())
        self.assertEqual([item["code"] for item in response.context["to_fix"]], ["plan"])
        self.assertContains(response, 'data-item="plan"')
        self.assertContains(response, "Có tiêu chí bị 0 điểm")  # the rule's message, from the set
        vetoes = response.context["vetoes"]
        self.assertEqual(vetoes[0]["items"], [{"code": "plan", "text": "Có kế hoạch phòng, chống dịch"}])

    def test_a_safe_result_has_nothing_to_fix_beyond_missing_points(self) -> None:
        safe = submit_assessment(self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        response = self.client_for(self.owner).get(self.url(safe))
        self.assertEqual([item["code"] for item in response.context["to_fix"]], ["toilets"])
        self.assertEqual(response.context["vetoes"], [])
        self.assertNotContains(response, 'data-testid="vetoes"')

    def test_an_expired_current_assessment_is_marked(self) -> None:
        old = submit_assessment(
            self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner, now=timezone.now() - timedelta(days=30)
        )
        self.assertTrue(self.client_for(self.owner).get(self.url(old)).context["is_expired"])

    def test_who_may_read_it(self) -> None:
        for user in (self.owner, self.officer_a, self.district_officer, self.province_officer, self.inspector):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(self.url()).status_code, 200)
        other_owner = type(self.owner).objects.create_user("other_owner", password="x-long-password")
        for user in (self.officer_b, self.other_district_officer, self.press, other_owner):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(self.url()).status_code, 403)
        self.assertEqual(self.client_for(self.owner).get("/assessments/999999/").status_code, 404)
