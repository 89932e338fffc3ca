"""The self-assessment form: who may open it, what it shows, what a submission does."""

from django.urls import reverse

from safety.models import Assessment, CriteriaSetStatus, Establishment, PublicState
from testing import AT_RISK_ANSWERS, SAFE_ANSWERS, SafetyTestCase, make_criteria_set, make_place


def form_data(answers: dict[str, object]) -> dict[str, str]:
    return {f"item-{code}": str(value) for code, value in answers.items()}


class AssessFormTests(SafetyTestCase):
    place: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.place = make_place(cls.village_a, "Chợ <b>Đức Mạnh</b>", owners=[cls.owner])

    def url(self, place=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("safety:assess", kwargs={"pk": (place or self.place).pk})

    def test_form_shows_every_item_of_the_current_set(self) -> None:
        response = self.client_for(self.owner).get(self.url())
        self.assertEqual(response.status_code, 200)
        items = [item["code"] for section in response.context["sections"] for item in section["items"]]
        self.assertEqual(items, ["plan", "masks", "staff", "toilets"])
        self.assertContains(response, "Có kế hoạch phòng, chống dịch")
        self.assertContains(response, 'name="item-plan" id="item-plan-1" value="yes"', html=False)
        self.assertContains(response, 'name="item-masks" id="item-masks-1" value="pass"', html=False)
        self.assertContains(response, 'type="number"', count=2)
        self.assertContains(response, 'name="item-toilets-na"')  # N/A offered where the set allows it
        self.assertNotContains(response, 'name="item-staff-na"')
        self.assertNotContains(response, "<b>Đức Mạnh</b>")
        self.assertContains(response, "&lt;b&gt;Đức Mạnh&lt;/b&gt;")

    def test_incomplete_answers_show_a_message_at_each_missing_item_and_write_nothing(self) -> None:
        response = self.client_for(self.owner).post(self.url(), {"item-plan": "yes", "item-staff": "-3"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(set(response.context["errors"]), {"masks", "staff", "toilets"})
        self.assertContains(response, 'data-testid="item-error"', count=3, status_code=422)
        self.assertEqual(Assessment.objects.count(), 0)
        self.place.refresh_from_db()
        self.assertEqual(self.place.state, PublicState.NOT_ASSESSED)
        # What was answered stays filled in.
        checked = next(i for s in response.context["sections"] for i in s["items"] if i["code"] == "plan")
        self.assertEqual(checked["value"], "yes")

    def test_out_of_range_score_is_refused(self) -> None:
        answers = {**SAFE_ANSWERS, "toilets": 11}
        response = self.client_for(self.owner).post(self.url(), form_data(answers))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(list(response.context["errors"]), ["toilets"])
        self.assertFalse(Assessment.objects.exists())

    def test_owner_submits_and_the_place_takes_the_result(self) -> None:
        response = self.client_for(self.owner).post(self.url(), form_data(SAFE_ANSWERS))
        assessment = Assessment.objects.get()
        self.assertRedirects(response, reverse("safety:assessment", kwargs={"pk": assessment.pk}))
        self.assertFalse(assessment.by_officer)
        self.assertEqual(assessment.submitted_by, self.owner)
        self.assertEqual(assessment.answers, SAFE_ANSWERS)  # numbers stored as numbers
        self.place.refresh_from_db()
        self.assertEqual(self.place.state, PublicState.SAFE)
        self.assertEqual(self.place.last_assessment, assessment)

    def test_not_applicable_leaves_the_maximum(self) -> None:
        data = form_data({**AT_RISK_ANSWERS, "toilets": ""}) | {"item-toilets-na": "1"}
        self.client_for(self.owner).post(self.url(), data)
        assessment = Assessment.objects.get()
        self.assertEqual(assessment.answers["toilets"], "na")
        self.assertEqual(assessment.max_score, 10)

    def test_officer_of_the_commune_or_above_assesses_as_officer(self) -> None:
        for officer in (self.officer_a, self.district_officer):
            with self.subTest(officer=officer.username):
                response = self.client_for(officer).get(self.url())
                self.assertContains(response, 'data-testid="by-officer"')
                self.client_for(officer).post(self.url(), form_data(AT_RISK_ANSWERS))
                assessment = Assessment.objects.latest("pk")
                self.assertTrue(assessment.by_officer)
                self.assertEqual(assessment.submitted_by, officer)
        self.place.refresh_from_db()
        self.assertEqual(self.place.state, PublicState.AT_RISK)

    def test_owner_of_another_place_is_refused(self) -> None:
        other_owner = type(self.owner).objects.create_user("other_owner", password="x-long-password")
        make_place(self.commune_a, "Quán ăn Hoa Sen", type_code="restaurant", owners=[other_owner])
        client = self.client_for(other_owner)
        self.assertEqual(client.get(self.url()).status_code, 403)
        self.assertEqual(client.post(self.url(), form_data(SAFE_ANSWERS)).status_code, 403)
        self.assertFalse(Assessment.objects.exists())

    def test_sibling_commune_officer_and_other_district_are_refused(self) -> None:
        for user in (self.officer_b, self.other_district_officer, self.press):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(self.url()).status_code, 403)
                self.assertEqual(client.post(self.url(), form_data(SAFE_ANSWERS)).status_code, 403)
        self.assertFalse(Assessment.objects.exists())

    def test_inspector_sees_but_does_not_assess(self) -> None:
        self.assertEqual(self.client_for(self.inspector).get(self.url()).status_code, 403)
        history = reverse("safety:history", kwargs={"pk": self.place.pk})
        self.assertEqual(self.client_for(self.inspector).get(history).status_code, 200)

    def test_anonymous_is_sent_to_login_and_unknown_place_is_404(self) -> None:
        self.assertEqual(self.client.get(self.url()).status_code, 302)
        self.assertEqual(self.client_for(self.owner).get("/places/999999/assess/").status_code, 404)

    def test_partial_set_says_so(self) -> None:
        self.criteria_set.status = CriteriaSetStatus.PARTIAL
        self.criteria_set.status_note = "Thiếu tiêu chí CS4–CS15"
        self.criteria_set.save()
        response = self.client_for(self.owner).get(self.url())
        self.assertContains(response, 'data-testid="partial-set"')
        self.assertContains(response, "Thiếu tiêu chí CS4–CS15")

    def test_set_without_items_refuses_to_open(self) -> None:
        rules_only = {"direction": "risk", "basis": "percent", "sections": [], "bands": [], "rules": []}
        empty = make_criteria_set(
            "rules-only", rules_only, title="Bộ tiêu chí chưa đủ", status=CriteriaSetStatus.PARTIAL
        )
        self.place.type.criteria_set_code = empty.code
        self.place.type.save()
        client = self.client_for(self.owner)
        response = client.get(self.url())
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, 'data-testid="cannot-assess"', status_code=409)
        self.assertContains(response, "Bộ tiêu chí chưa đủ", status_code=409)
        self.assertEqual(client.post(self.url(), form_data(SAFE_ANSWERS)).status_code, 409)
        self.assertFalse(Assessment.objects.exists())

    def test_type_without_a_current_set_refuses_to_open(self) -> None:
        self.place.type.criteria_set_code = "not-imported-yet"
        self.place.type.save()
        response = self.client_for(self.owner).get(self.url())
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "not-imported-yet", status_code=409)

    def test_form_starts_from_the_last_answers_of_the_same_version(self) -> None:
        self.client_for(self.owner).post(self.url(), form_data(AT_RISK_ANSWERS))
        response = self.client_for(self.owner).get(self.url())
        values = {i["code"]: i["value"] for s in response.context["sections"] for i in s["items"]}
        self.assertEqual(values, {"plan": "yes", "masks": "pass", "staff": "800", "toilets": "6"})
