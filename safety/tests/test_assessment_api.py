"""POST and GET /api/v1/establishments/{id}/assessments."""

import json

from safety.models import Assessment, CriteriaSetStatus, PublicState
from testing import (
    SAFE_ANSWERS,
    UNSAFE_ANSWERS,
    AssessedPlaceTestCase,
    OwnedPlaceTestCase,
    make_criteria_set,
)


class AssessmentApiTests(OwnedPlaceTestCase):
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.url = f"/api/v1/establishments/{cls.place.pk}/assessments"

    def post(self, user, body: object, url: str | None = None):  # type: ignore[no-untyped-def]
        return self.api_post(user, url or self.url, json.dumps(body))

    def test_owner_submits_and_gets_the_result(self) -> None:
        response = self.post(self.owner, {"criteria_set": "test-set", "answers": UNSAFE_ANSWERS})
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        assessment = Assessment.objects.get()
        self.assertEqual(body["id"], assessment.pk)
        self.assertEqual((body["score"], body["max_score"], body["percent"]), (16, 20, 80))
        self.assertEqual(
            (body["band"], body["band_label"], body["public_state"]), ("unsafe", "Không an toàn", "unsafe")
        )
        self.assertEqual(body["criteria_set"], {"code": "test-set", "version": 1})
        self.assertFalse(body["by_officer"])
        self.assertEqual(body["vetoes"][0]["message"], "Có tiêu chí bị 0 điểm")
        self.assertEqual(body["vetoes"][0]["items"], [{"code": "plan", "text": "Có kế hoạch phòng, chống dịch"}])
        self.assertEqual(body["to_fix"][0]["code"], "plan")
        self.assertEqual(body["valid_until"][:10], assessment.valid_until.isoformat()[:10])
        self.place.refresh_from_db()
        self.assertEqual(self.place.state, PublicState.UNSAFE)

    def test_officer_submission_is_marked(self) -> None:
        response = self.post(self.district_officer, {"criteria_set": "test-set", "answers": SAFE_ANSWERS})
        self.assertEqual(response.status_code, 201)
        self.assertTrue(response.json()["by_officer"])
        self.assertEqual(response.json()["public_state"], "safe")

    def test_bad_answers_get_one_error_per_item_and_nothing_is_written(self) -> None:
        answers = {"plan": "maybe", "staff": -1, "toilets": 99, "extra": 1, "masks": ["pass"]}
        response = self.post(self.owner, {"criteria_set": "test-set", "answers": answers})
        self.assertEqual(response.status_code, 422)
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"answers.plan", "answers.staff", "answers.toilets", "answers.extra", "answers.masks"})
        self.assertTrue(all(error["message"] for error in response.json()["errors"]))
        self.assertFalse(Assessment.objects.exists())

    def test_missing_answers_and_non_finite_numbers_are_422(self) -> None:
        response = self.post(self.owner, {"criteria_set": "test-set", "answers": {"plan": "yes", "staff": "inf"}})
        self.assertEqual(response.status_code, 422)
        fields = {error["field"] for error in response.json()["errors"]}
        self.assertEqual(fields, {"answers.masks", "answers.staff", "answers.toilets"})
        response = self.post(self.owner, {"criteria_set": "test-set", "answers": {**SAFE_ANSWERS, "toilets": {"a": 1}}})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "answers.toilets")

    def test_another_set_than_the_places_is_422(self) -> None:
        make_criteria_set("other-set")
        response = self.post(self.owner, {"criteria_set": "other-set", "answers": SAFE_ANSWERS})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "criteria_set")
        self.assertIn("test-set", response.json()["detail"])
        self.assertFalse(Assessment.objects.exists())

    def test_a_set_without_items_is_422(self) -> None:
        empty = make_criteria_set(
            "rules-only", {"sections": [], "bands": [], "rules": []}, status=CriteriaSetStatus.PARTIAL
        )
        self.place.type.criteria_set_code = empty.code
        self.place.type.save()
        response = self.post(self.owner, {"criteria_set": "rules-only", "answers": SAFE_ANSWERS})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "criteria_set")

    def test_malformed_body_is_422(self) -> None:
        response = self.post(self.owner, {"answers": "all good"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual({e["field"] for e in response.json()["errors"]}, {"criteria_set", "answers"})

    def test_outside_jurisdiction_or_another_owners_place_is_403(self) -> None:
        other_owner = type(self.owner).objects.create_user("other_owner", password="x-long-password")
        for user in (self.officer_b, self.other_district_officer, other_owner, self.inspector, self.press):
            with self.subTest(user=user.username):
                response = self.post(user, {"criteria_set": "test-set", "answers": SAFE_ANSWERS})
                self.assertEqual(response.status_code, 403)
                self.assertIn("detail", response.json())
        self.assertFalse(Assessment.objects.exists())

    def test_unknown_place_is_404_and_anonymous_is_401(self) -> None:
        response = self.post(
            self.owner,
            {"criteria_set": "test-set", "answers": SAFE_ANSWERS},
            url="/api/v1/establishments/999999/assessments",
        )
        self.assertEqual(response.status_code, 404)
        response = self.client.post(
            self.url, json.dumps({"criteria_set": "test-set", "answers": SAFE_ANSWERS}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 401)


class AssessmentHistoryApiTests(AssessedPlaceTestCase):
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.url = f"/api/v1/establishments/{cls.place.pk}/assessments"

    def test_history_newest_first(self) -> None:
        response = self.api_get(self.owner, self.url)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 3)
        self.assertEqual([item["id"] for item in body["items"]], [self.newest.pk, self.middle.pk, self.oldest.pk])
        self.assertEqual([item["public_state"] for item in body["items"]], ["safe", "at_risk", "unsafe"])

    def test_history_follows_jurisdiction(self) -> None:
        self.assertEqual(self.api_get(self.officer_a, self.url).status_code, 200)
        self.assertEqual(self.api_get(self.officer_b, self.url).status_code, 403)
        self.assertEqual(self.api_get(self.other_district_officer, self.url).status_code, 403)
