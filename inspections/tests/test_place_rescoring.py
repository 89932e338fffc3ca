"""An inspector re-scores a place with its criteria set: the verified result stands beside the
owner's latest self-assessment, and a large gap (20 points or more, or another state) is flagged."""

from decimal import Decimal
from typing import Any

from django.urls import reverse

from inspections import actions
from safety.actions.assessments import submit_assessment
from safety.models import PublicState
from testing import AT_RISK_ANSWERS, SAFE_ANSWERS, UNSAFE_ANSWERS

from .base import TODAY, InspectionTestCase


class PlaceRescoringTests(InspectionTestCase):
    def verify(self, answers, outcome="compliant"):  # type: ignore[no-untyped-def]
        inspection = self.schedule(self.district_officer, self.place_a)
        extra: dict[str, Any] = {"findings": "Chưa đạt"} if outcome != "compliant" else {}
        return actions.record_inspection(
            inspection, self.district_officer, inspected_on=TODAY(), answers=answers, outcome=outcome, **extra
        )

    def test_a_safe_claim_found_at_risk_is_flagged(self) -> None:
        own = submit_assessment(self.place_a, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        found = self.verify(AT_RISK_ANSWERS)
        self.assertEqual((found.percent, found.verified_state), (Decimal("60.0"), PublicState.AT_RISK))
        self.assertEqual((found.self_percent, found.self_state), (Decimal("95.0"), PublicState.SAFE))
        self.assertEqual(found.self_assessment, own)
        self.assertEqual(found.gap, Decimal("35.0"))
        self.assertTrue(found.gap_flagged)
        self.assertEqual(found.criteria_set, self.criteria_set)

    def test_a_small_gap_in_the_same_state_is_not_flagged(self) -> None:
        submit_assessment(self.place_a, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        found = self.verify({"plan": "yes", "masks": "pass", "staff": 20, "toilets": 7})  # 17/20 = 85 %
        self.assertEqual((found.gap, found.verified_state), (Decimal("10.0"), PublicState.SAFE))
        self.assertFalse(found.gap_flagged)

    def test_a_large_gap_in_the_same_state_is_flagged(self) -> None:
        submit_assessment(self.place_a, self.criteria_set, UNSAFE_ANSWERS, by=self.owner)  # 80 %, unsafe by a veto
        found = self.verify({"plan": "no", "masks": "fail", "staff": 20, "toilets": 0})  # 25 %
        self.assertEqual(found.verified_state, found.self_state)
        self.assertEqual(found.gap, Decimal("55.0"))
        self.assertTrue(found.gap_flagged)

    def test_without_a_self_assessment_nothing_is_compared(self) -> None:
        found = self.verify(SAFE_ANSWERS)
        self.assertIsNone(found.self_assessment)
        self.assertIsNone(found.gap)
        self.assertFalse(found.gap_flagged)

    def test_the_place_keeps_its_own_public_state(self) -> None:
        submit_assessment(self.place_a, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        self.verify(UNSAFE_ANSWERS, outcome="violation")
        self.place_a.refresh_from_db()
        self.assertEqual(self.place_a.state, PublicState.SAFE)

    def test_bad_answers_name_each_criterion(self) -> None:
        inspection = self.schedule(self.district_officer, self.place_a)
        url = f"/api/v1/inspections/{inspection.pk}/record"
        body = {"inspected_on": str(TODAY()), "outcome": "compliant", "answers": {"plan": "maybe", "staff": -4}}
        response = self.api_post(self.district_officer, url, body)
        self.assertEqual(response.status_code, 422)
        fields = {e["field"] for e in response.json()["errors"]}
        self.assertEqual(fields, {"answers.plan", "answers.staff", "answers.masks", "answers.toilets"})

    def test_the_page_shows_both_results_and_the_flag(self) -> None:
        submit_assessment(self.place_a, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        found = self.verify(AT_RISK_ANSWERS)
        page = self.client_for(self.district_officer).get(reverse("inspections:detail", kwargs={"pk": found.pk}))
        self.assertContains(page, 'data-testid="gap"')
        self.assertContains(page, 'data-testid="gap-flag"')
        self.assertEqual(page.context["own"].percent, Decimal("95.0"))
        self.assertContains(page, 'data-testid="self-assessment"')
        flagged = self.api_get(self.district_officer, "/api/v1/inspections", {"flagged": "true"}).json()["items"]
        self.assertEqual([item["id"] for item in flagged], [found.pk])
        self.assertEqual(flagged[0]["self_assessment"], {"percent": "95.0", "state": "safe"})

    def test_the_record_form_shows_the_places_criteria(self) -> None:
        inspection = self.schedule(self.district_officer, self.place_a)
        page = self.client_for(self.district_officer).get(reverse("inspections:record", kwargs={"pk": inspection.pk}))
        for code in ("plan", "masks", "staff", "toilets"):
            self.assertContains(page, f'name="item-{code}"')
        self.assertContains(page, 'name="item-toilets-na"')

    def test_the_owner_hears_the_outcome_by_email(self) -> None:
        from django.core import mail

        self.owner.email = "chu-cho@example.vn"
        self.owner.save()
        with self.captureOnCommitCallbacks(execute=True):
            self.verify(AT_RISK_ANSWERS, outcome="violation")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["chu-cho@example.vn"])
