from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from events import actions, queries
from events.models import PlanReminder, PlanStatus, SafetyPlan

from .base import ELECTION_DAY, YES, EventTestCase


class SafetyPlanTests(EventTestCase):
    def test_a_plan_answers_every_item_and_counts_the_voters_for_the_mobile_box(self) -> None:
        plan = actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        self.assertEqual(plan.answers["hom-phieu-phu"], 3)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.SUBMITTED)

    def test_a_negative_count_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.submit_plan(self.site_a, self.officer_a, answers={**YES, "hom-phieu-phu": -2})
        self.assertIn("không được âm", caught.exception.message_dict["hom-phieu-phu"][0])
        self.assertFalse(SafetyPlan.objects.exists())

    def test_the_author_cannot_approve_the_plan_and_the_level_above_does(self) -> None:
        actions.submit_plan(self.site_a, self.district_officer, answers=YES)
        with self.assertRaises(ValidationError) as caught:
            actions.review_plan(self.site_a, self.district_officer, approve=True)
        self.assertIn("chính người lập", str(caught.exception))
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.SUBMITTED)
        actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        with self.assertRaises(PermissionDenied):
            actions.review_plan(self.site_a, self.officer_b, approve=True)
        actions.review_plan(self.site_a, self.district_officer, approve=True)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.plan_status, PlanStatus.APPROVED)

    def test_a_commune_cannot_approve_the_plans_of_its_own_sites(self) -> None:
        actions.submit_plan(self.site_a, self.district_officer, answers=YES)
        with self.assertRaises(PermissionDenied):
            actions.review_plan(self.site_a, self.officer_a, approve=True)

    def test_sites_without_an_approved_plan_are_listed_once_plans_are_due_and_chased_once_a_day(self) -> None:
        self.assertEqual(
            queries.unready_sites(self.district_officer, self.event, ELECTION_DAY - timedelta(days=20)), []
        )
        due = ELECTION_DAY - timedelta(days=5)
        actions.submit_plan(self.site_a, self.officer_a, answers=YES)
        actions.review_plan(self.site_a, self.district_officer, approve=True)
        listed = queries.unready_sites(self.district_officer, self.event, due)
        self.assertEqual(listed, [self.site_b])
        self.officer_b.email = "xa-b@example.vn"
        self.officer_b.save()
        for _run in range(2):
            with self.captureOnCommitCallbacks(execute=True):
                call_command("send_plan_reminders", "--today", due.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(PlanReminder.objects.count(), 2)  # site_b and the Krông Nô site, once each
        self.assertIn(["xa-b@example.vn"], [m.to for m in mail.outbox])
