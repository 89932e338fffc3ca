"""draft → decided → published, or withdrawn with a reason. Only officers of the violation's
unit or above decide, publish and withdraw; the fine lies within the type's range; withdrawal
keeps the record and its history in the audit trail."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from audit.models import AuditEntry
from enforcement.models import Violation, ViolationStatus

from .base import TODAY, ViolationTestCase


class DecisionTests(ViolationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.violation = self.draft(self.official())  # tụ tập: 10–20 million
        self.base = f"/api/v1/violations/{self.violation.pk}"

    def decision(self, **changes):  # type: ignore[no-untyped-def]
        body = {
            "decision_number": "27/QĐ-XPVPHC",
            "decision_date": str(TODAY()),
            "decision_authority": "Chủ tịch UBND huyện Đắk Mil",
            "fine_amount": 15_000_000,
        }
        body.update(changes)
        return body

    def status(self) -> str:
        return Violation.objects.get(pk=self.violation.pk).status

    def test_the_whole_way_to_publication(self) -> None:
        response = self.api_post(self.district_officer, f"{self.base}/decide", self.decision())
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["status"], response.json()["fine_amount"]), ("decided", 15_000_000))
        response = self.api_post(self.officer_a, f"{self.base}/publish", {})  # officers of the unit itself too
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "published")
        self.assertIsNotNone(response.json()["published_at"])

    def test_only_officers_of_the_unit_or_above_decide(self) -> None:
        for user, status in (
            (self.inspector, 403),
            (self.officer_b, 404),
            (self.other_district_officer, 404),
            (self.press, 404),
        ):
            with self.subTest(user=user.username):
                self.assertEqual(self.api_post(user, f"{self.base}/decide", self.decision()).status_code, status)
        self.assertEqual(self.status(), ViolationStatus.DRAFT)

    def test_the_fine_lies_within_the_range_or_a_reason_is_given(self) -> None:
        for fine in (9_999_999, 20_000_001, -5):
            with self.subTest(fine=fine):
                response = self.api_post(self.district_officer, f"{self.base}/decide", self.decision(fine_amount=fine))
                self.assertEqual(response.status_code, 422)
        response = self.api_post(self.district_officer, f"{self.base}/decide", self.decision(fine_amount=None))
        self.assertEqual(response.status_code, 422)
        self.assertIn("fine_reason", {e["field"] for e in response.json()["errors"]})
        self.assertEqual(self.status(), ViolationStatus.DRAFT)
        body = self.decision(fine_amount=None, fine_reason="Cảnh cáo: vi phạm lần đầu, đã khắc phục ngay")
        self.assertEqual(self.api_post(self.district_officer, f"{self.base}/decide", body).status_code, 200)

    def test_bad_decisions(self) -> None:
        cases = {
            "decision_number": self.decision(decision_number=""),
            "decision_date": self.decision(decision_date=str(TODAY() + timedelta(days=1))),
            "decision_authority": self.decision(decision_authority="Ông A, ĐT 0912345678"),
        }
        for field, body in cases.items():
            with self.subTest(field=field):
                response = self.api_post(self.district_officer, f"{self.base}/decide", body)
                self.assertEqual(response.status_code, 422)
                self.assertIn(field, {e["field"] for e in response.json()["errors"]})
        early = self.decision(decision_date=str(self.violation.occurred_on - timedelta(days=1)))
        self.assertEqual(self.api_post(self.district_officer, f"{self.base}/decide", early).status_code, 422)
        self.assertEqual(self.status(), ViolationStatus.DRAFT)

    def test_publishing_without_a_decision_and_deciding_twice_are_409(self) -> None:
        self.assertEqual(self.api_post(self.district_officer, f"{self.base}/publish", {}).status_code, 409)
        self.assertEqual(self.status(), ViolationStatus.DRAFT)
        self.api_post(self.district_officer, f"{self.base}/decide", self.decision())
        self.assertEqual(self.api_post(self.district_officer, f"{self.base}/decide", self.decision()).status_code, 409)
        self.api_post(self.district_officer, f"{self.base}/publish", {})
        self.assertEqual(self.api_post(self.district_officer, f"{self.base}/publish", {}).status_code, 409)

    def test_inspectors_and_siblings_do_not_publish(self) -> None:
        self.api_post(self.district_officer, f"{self.base}/decide", self.decision())
        self.assertEqual(self.api_post(self.inspector, f"{self.base}/publish", {}).status_code, 403)
        self.assertEqual(self.api_post(self.officer_b, f"{self.base}/publish", {}).status_code, 404)
        self.assertEqual(self.status(), ViolationStatus.DECIDED)

    def test_withdrawal_needs_a_reason_and_keeps_the_record_and_its_history(self) -> None:
        self.api_post(self.district_officer, f"{self.base}/decide", self.decision())
        self.api_post(self.district_officer, f"{self.base}/publish", {})
        self.assertEqual(
            self.api_post(self.district_officer, f"{self.base}/withdraw", {"reason": " "}).status_code, 422
        )
        self.assertEqual(self.api_post(self.inspector, f"{self.base}/withdraw", {"reason": "Nhầm"}).status_code, 403)
        self.assertEqual(self.status(), ViolationStatus.PUBLISHED)
        response = self.api_post(
            self.district_officer, f"{self.base}/withdraw", {"reason": "Quyết định bị hủy sau khiếu nại"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.api_post(self.district_officer, f"{self.base}/withdraw", {"reason": "lần nữa"}).status_code, 409
        )
        violation = Violation.objects.get(pk=self.violation.pk)
        self.assertEqual(
            (violation.status, violation.withdrawal_reason), ("withdrawn", "Quyết định bị hủy sau khiếu nại")
        )
        entries = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Violation), object_id=str(violation.pk)
        ).order_by("at", "pk")
        last = entries.last()
        assert last is not None and last.after is not None
        statuses = [(entry.before or {}).get("status") for entry in entries] + [last.after["status"]]
        self.assertEqual(statuses, ["draft", "decided", "published", "withdrawn"])  # each step through the API
        self.assertEqual(last.actor, self.district_officer)
        public = self.api_get(None, "/api/v1/public/violations").json()
        self.assertEqual(public["count"], 0)

    def test_a_draft_recorded_by_mistake_is_withdrawn(self) -> None:
        response = self.api_post(self.district_officer, f"{self.base}/withdraw", {"reason": "Ghi nhầm đối tượng"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual((response.json()["status"], response.json()["decision_date"]), ("withdrawn", None))
        other = self.draft(self.official())
        detail = reverse("enforcement:detail", kwargs={"pk": other.pk})
        page = self.client_for(self.district_officer).post(
            reverse("enforcement:withdraw", kwargs={"pk": other.pk}), {"reason": "Trùng với biên bản khác"}
        )
        self.assertRedirects(page, detail)
        self.assertEqual(Violation.objects.get(pk=other.pk).status, ViolationStatus.WITHDRAWN)
        self.assertEqual(self.api_get(None, "/api/v1/public/violations").json()["count"], 0)

    def test_the_pages(self) -> None:
        client = self.client_for(self.district_officer)
        detail = reverse("enforcement:detail", kwargs={"pk": self.violation.pk})
        self.assertContains(client.get(detail), 'data-testid="decide-form"')
        self.assertNotContains(self.client_for(self.inspector).get(detail), 'data-testid="decide-form"')
        response = client.post(
            reverse("enforcement:decide", kwargs={"pk": self.violation.pk}),
            {"decision_number": "27/QĐ-XPVPHC", "decision_date": str(TODAY()), "fine_amount": "25.000.000"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="fine_amount"', status_code=400)
        response = client.post(
            reverse("enforcement:decide", kwargs={"pk": self.violation.pk}),
            {"decision_number": "27/QĐ-XPVPHC", "decision_date": str(TODAY()), "fine_amount": "15.000.000"},
        )
        self.assertRedirects(response, detail)
        self.assertEqual(Violation.objects.get(pk=self.violation.pk).fine_amount, 15_000_000)
        self.assertEqual(
            self.client_for(self.inspector)
            .post(reverse("enforcement:publish", kwargs={"pk": self.violation.pk}))
            .status_code,
            403,
        )
        self.assertRedirects(client.post(reverse("enforcement:publish", kwargs={"pk": self.violation.pk})), detail)
        self.assertContains(client.get(detail), 'data-status="published"')
        response = client.post(reverse("enforcement:withdraw", kwargs={"pk": self.violation.pk}), {"reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.status(), ViolationStatus.PUBLISHED)
