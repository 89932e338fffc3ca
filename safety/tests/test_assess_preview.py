"""The running score the form shows while the user answers (htmx fragment)."""

from decimal import Decimal

from django.urls import reverse

from safety.models import STATE_COLOURS, Assessment, PublicState
from testing import AT_RISK_ANSWERS, OwnedPlaceTestCase


class AssessPreviewTests(OwnedPlaceTestCase):
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.url = reverse("safety:assess_preview", kwargs={"pk": cls.place.pk})

    def test_complete_answers_show_score_percent_and_band(self) -> None:
        data = {f"item-{code}": str(value) for code, value in AT_RISK_ANSWERS.items()}
        response = self.client_for(self.owner).post(self.url, data, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        running = response.context["running"]
        self.assertTrue(running.complete)
        self.assertEqual((running.result.score, running.result.max_score), (Decimal(12), Decimal(20)))
        self.assertEqual(running.result.percent, Decimal("60.0"))
        self.assertContains(response, "An toàn thấp")
        self.assertContains(response, STATE_COLOURS[PublicState.AT_RISK])
        self.assertNotContains(response, "<html")  # a fragment, not a page
        self.assertFalse(Assessment.objects.exists())

    def test_partial_answers_show_points_so_far(self) -> None:
        response = self.client_for(self.owner).post(
            self.url, {"item-plan": "yes", "item-staff": "800", "item-masks": ""}
        )
        running = response.context["running"]
        self.assertFalse(running.complete)
        self.assertEqual((running.points, running.max_points, running.answered), (Decimal(5), Decimal(9), 2))
        self.assertContains(response, 'data-answered="2"')

    def test_bad_answers_do_not_count_and_do_not_fail(self) -> None:
        response = self.client_for(self.owner).post(self.url, {"item-plan": "maybe", "item-toilets": "1e999"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["running"].answered, 0)

    def test_sibling_commune_officer_gets_no_preview(self) -> None:
        self.assertEqual(self.client_for(self.officer_b).post(self.url, {"item-plan": "yes"}).status_code, 403)
        self.assertEqual(self.client_for(self.owner).get(self.url).status_code, 405)
