"""Recording an inspection of a unit: checklist answers, findings, outcome and follow-up; every
bad value refused with nothing written; only the inspecting side records."""

from datetime import timedelta

from django.urls import reverse

from inspections.models import Inspection, InspectionStatus

from .base import TODAY, InspectionTestCase, all_pass


class RecordInspectionTests(InspectionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.inspection = self.schedule(self.district_officer, self.commune_a)
        self.url = f"/api/v1/inspections/{self.inspection.pk}/record"

    def body(self, **changes):  # type: ignore[no-untyped-def]
        answers = all_pass(self.commune_checklist)
        answers["khu-cach-ly"] = "fail"
        answers["kiem-tra-cap-duoi"] = "na"
        body = {
            "inspected_on": str(TODAY()),
            "inspectors": "Trần Thị Bình, Trưởng phòng Y tế",
            "answers": answers,
            "findings": "Khu cách ly chưa sẵn sàng tiếp nhận",
            "outcome": "needs_fixes",
            "fix_by": str(TODAY() + timedelta(days=7)),
            "follow_up": "UBND xã báo cáo kết quả khắc phục",
        }
        body.update(changes)
        return body

    def test_records_the_checklist_and_the_follow_up(self) -> None:
        response = self.api_post(self.district_officer, self.url, self.body())
        self.assertEqual(response.status_code, 200, response.content)
        found = response.json()
        self.assertEqual(found["status"], "done")
        self.assertEqual((found["score"], found["max_score"]), ("9.00", "10.00"))  # one n/a item leaves the count
        self.assertEqual(found["failed_items"], ["khu-cach-ly"])
        self.assertEqual(found["fix_by"], str(TODAY() + timedelta(days=7)))
        self.assertTrue(found["follow_up_open"])

    def test_the_inspector_records_too(self) -> None:
        self.assertEqual(self.api_post(self.inspector, self.url, self.body()).status_code, 200)

    def test_the_inspected_commune_and_others_cannot_record(self) -> None:
        self.assertEqual(self.api_post(self.officer_a, self.url, self.body()).status_code, 403)  # sees, cannot change
        self.assertEqual(self.api_post(self.officer_b, self.url, self.body()).status_code, 404)
        self.assertEqual(self.api_post(self.other_district_officer, self.url, self.body()).status_code, 404)
        self.inspection.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.PLANNED)

    def test_bad_values_are_refused_and_nothing_changes(self) -> None:
        answers = all_pass(self.commune_checklist)
        del answers["ke-hoach"]
        answers["ban-chi-dao"] = "maybe"
        answers["to-covid"] = "na"  # this item has no "not applicable"
        answers["extra"] = "pass"
        cases = {
            "answers.ke-hoach": self.body(answers=answers),
            "inspected_on": self.body(inspected_on=str(TODAY() + timedelta(days=1))),
            "fix_by": self.body(fix_by=None),
            "findings": self.body(findings=""),
            "outcome": self.body(outcome="fine"),
        }
        for field, body in cases.items():
            with self.subTest(field=field):
                response = self.api_post(self.district_officer, self.url, body)
                self.assertEqual(response.status_code, 422)
                self.assertIn(field, {e["field"] for e in response.json()["errors"]})
        response = self.api_post(self.district_officer, self.url, self.body(answers=answers))
        fields = {e["field"] for e in response.json()["errors"]}
        self.assertEqual(fields, {"answers.ke-hoach", "answers.ban-chi-dao", "answers.to-covid", "answers.extra"})
        response = self.api_post(self.district_officer, self.url, self.body(fix_by=str(TODAY())))
        self.assertEqual(response.status_code, 422)
        self.inspection.refresh_from_db()
        self.assertEqual((self.inspection.status, self.inspection.answers), (InspectionStatus.PLANNED, {}))

    def test_a_recorded_inspection_is_not_recorded_twice(self) -> None:
        self.assertEqual(self.api_post(self.district_officer, self.url, self.body()).status_code, 200)
        response = self.api_post(self.district_officer, self.url, self.body(outcome="compliant", fix_by=None))
        self.assertEqual(response.status_code, 409)
        self.assertEqual(Inspection.objects.get(pk=self.inspection.pk).outcome, "needs_fixes")

    def test_record_through_the_page(self) -> None:
        client = self.client_for(self.district_officer)
        url = reverse("inspections:record", kwargs={"pk": self.inspection.pk})
        page = client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'name="item-khu-cach-ly"')
        form = {f"item-{code}": value for code, value in all_pass(self.commune_checklist).items()}
        form.update(inspected_on=str(TODAY()), outcome="compliant", inspectors="Đoàn kiểm tra huyện")
        del form["item-bao-cao"]
        response = client.post(url, form)
        self.assertEqual(response.status_code, 400)
        self.assertIn("bao-cao", response.context["item_errors"])
        self.assertContains(response, 'value="pass" selected', status_code=400)  # answers kept
        form["item-bao-cao"] = "fail"
        response = client.post(url, form)
        self.assertRedirects(response, reverse("inspections:detail", kwargs={"pk": self.inspection.pk}))
        detail = client.get(response["Location"])
        self.assertContains(detail, 'data-outcome="compliant"')
        self.assertContains(detail, 'data-item="bao-cao"')

    def test_the_inspected_commune_reads_the_record_page_but_not_the_form(self) -> None:
        detail = reverse("inspections:detail", kwargs={"pk": self.inspection.pk})
        self.assertEqual(self.client_for(self.officer_a).get(detail).status_code, 200)
        self.assertNotContains(self.client_for(self.officer_a).get(detail), 'data-testid="record-link"')
        record = reverse("inspections:record", kwargs={"pk": self.inspection.pk})
        self.assertEqual(self.client_for(self.officer_a).get(record).status_code, 403)
        self.assertEqual(self.client_for(self.officer_b).get(detail).status_code, 404)

    def test_cancel_a_planned_inspection(self) -> None:
        url = f"/api/v1/inspections/{self.inspection.pk}/cancel"
        self.assertEqual(self.api_post(self.officer_a, url, {}).status_code, 403)
        self.assertEqual(self.api_post(self.district_officer, url, {}).json()["status"], "cancelled")
        self.assertEqual(self.api_post(self.district_officer, url, {}).status_code, 409)
