"""The small forms of a site's page (the status on the day, the review of its plan, the decision
for a very-high-risk area): a refusal shows at the field with what was typed kept, nothing is
written, and a site of a sibling commune is refused."""

from events import actions
from events.models import DayStatus, PlanStatus, Site

from .base import YES, EventTestCase


class SiteStepPageTests(EventTestCase):
    def url(self, step: str, site: Site | None = None) -> str:
        return f"/events/{self.event.pk}/sites/{(site or self.site_a).pk}/{step}/"

    def test_the_commune_reports_the_status_of_its_site(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post(self.url("status"), {"status": "opened", "present": "45", "mobile_served": "2"})
        self.assertRedirects(response, f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        self.site_a.refresh_from_db()
        self.assertEqual((self.site_a.status, self.site_a.present, self.site_a.mobile_served), ("opened", 45, 2))

    def test_a_count_that_is_not_a_number_shows_at_its_field_and_keeps_the_incident(self) -> None:
        form = {"status": "incident", "present": "nhiều", "incident": "Một cử tri sốt 38,5 độ"}
        response = self.client_for(self.officer_a).post(self.url("status"), form)
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('data-field-error="present"', page)
        self.assertIn('value="Một cử tri sốt 38,5 độ"', page)
        self.assertIn('value="nhiều"', page)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.status, DayStatus.NOT_REPORTED)

    def test_an_incident_without_what_happened_is_refused_at_that_field(self) -> None:
        response = self.client_for(self.officer_a).post(self.url("status"), {"status": "incident"})
        self.assertEqual(response.status_code, 400)
        self.assertIn('data-field-error="incident"', response.content.decode())
        self.assertFalse(self.site_a.incidents.exists())

    def test_a_status_not_offered_is_refused_at_its_field(self) -> None:
        response = self.client_for(self.officer_a).post(self.url("status"), {"status": "not_reported"})
        self.assertEqual(response.status_code, 400)
        self.assertIn('data-field-error="status"', response.content.decode())

    def test_a_sibling_commune_may_not_report_for_the_site(self) -> None:
        response = self.client_for(self.officer_b).post(self.url("status"), {"status": "opened"})
        self.assertIn(response.status_code, (403, 404))
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.status, DayStatus.NOT_REPORTED)

    def test_the_district_returns_a_plan_only_with_a_note_and_approves_one(self) -> None:
        actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        client = self.client_for(self.district_officer)
        refused = client.post(self.url("review"), {"verdict": "return", "note": ""})
        self.assertEqual(refused.status_code, 400)
        self.assertIn('data-field-error="note"', refused.content.decode())
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.SUBMITTED)
        approved = client.post(self.url("review"), {"verdict": "approve", "note": ""})
        self.assertRedirects(approved, f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.APPROVED)

    def test_a_decision_needs_its_reason_at_the_reason_field(self) -> None:
        client = self.client_for(self.district_officer)
        refused = client.post(self.url("decision"), {"decision": "postpone", "note": " "})
        self.assertEqual(refused.status_code, 400)
        page = refused.content.decode()
        self.assertIn('data-field-error="note"', page)
        self.assertIn('<option value="postpone" selected>', page)
        decided = client.post(self.url("decision"), {"decision": "postpone", "note": "Xã có ca mắc mới"})
        self.assertRedirects(decided, f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        self.site_a.refresh_from_db()
        self.assertEqual((self.site_a.decision, self.site_a.decision_note), ("postpone", "Xã có ca mắc mới"))

    def test_the_commune_may_not_review_or_decide_for_its_own_site_even_with_an_empty_form(self) -> None:
        client = self.client_for(self.officer_a)
        for step in ("review", "decision"):
            with self.subTest(step=step):
                self.assertEqual(client.post(self.url(step), {}).status_code, 403)
        self.assertEqual(self.client_for(self.inspector).post(self.url("status"), {}).status_code, 403)

    def plan_form(self, **changes: str) -> dict[str, str]:
        ticked = {f"plan-{code}": ("3" if code == "hom-phieu-phu" else "on") for code in YES}
        return {**ticked, "plan-notes": "Tổ y tế trực từ 6 giờ", **changes}

    def test_the_commune_sends_its_plan_from_the_page(self) -> None:
        response = self.client_for(self.officer_a).post(self.url("plan"), self.plan_form())
        self.assertRedirects(response, f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.SUBMITTED)
        self.assertEqual(
            (self.site_a.plan.answers["hom-phieu-phu"], self.site_a.plan.notes), (3, "Tổ y tế trực từ 6 giờ")
        )
        page = self.client_for(self.officer_a).get(f"/events/{self.event.pk}/sites/{self.site_a.pk}/").content.decode()
        self.assertIn('name="plan-hom-phieu-phu" value="3"', page)

    def test_a_refused_plan_keeps_its_ticks_and_notes_and_marks_the_line(self) -> None:
        response = self.client_for(self.officer_a).post(
            self.url("plan"), self.plan_form(**{"plan-hom-phieu-phu": "-2"})
        )
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('data-field-error="hom-phieu-phu"', page)
        self.assertIn("Tổ y tế trực từ 6 giờ</textarea>", page)
        self.assertIn('name="plan-gian-cach" class="form-check-input" id="id_plan-gian-cach" checked', page)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.MISSING)

    def test_who_may_not_change_the_site_sees_the_plan_read_only(self) -> None:
        actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        page = self.client_for(self.inspector).get(f"/events/{self.event.pk}/sites/{self.site_a.pk}/")
        plan = page.content.decode().split('data-testid="plan"')[1].split("</form>")[0]
        self.assertIn("disabled", plan)
        self.assertNotIn("plan-notes", plan)
        self.assertIn(self.client_for(self.officer_b).post(self.url("plan"), self.plan_form()).status_code, (403, 404))
