"""Fixes due by a date, overdue follow-ups, and the re-inspection that closes them."""

from datetime import timedelta

from django.urls import reverse

from inspections import actions
from inspections.coverage import overdue_follow_ups
from inspections.models import Inspection, InspectionStatus

from .base import TODAY, InspectionTestCase, all_pass


class ReinspectionTests(InspectionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.first = self.inspected(
            self.district_officer,
            self.commune_a,
            outcome="needs_fixes",
            on=TODAY() - timedelta(days=10),
            fix_by=TODAY() - timedelta(days=3),
        )

    def test_fixes_past_their_date_are_overdue(self) -> None:
        self.assertEqual(list(overdue_follow_ups(self.district_officer, self.district, TODAY())), [self.first])
        self.assertEqual(
            list(overdue_follow_ups(self.district_officer, self.district, TODAY() - timedelta(days=5))), []
        )
        self.assertEqual(list(overdue_follow_ups(self.officer_b, self.district, TODAY())), [])

    def test_a_reinspection_closes_the_fixes(self) -> None:
        url = f"/api/v1/inspections/{self.first.pk}/reinspect"
        response = self.api_post(self.district_officer, url, {})
        self.assertEqual(response.status_code, 201, response.content)
        again = Inspection.objects.get(pk=response.json()["id"])
        self.assertEqual(
            (again.reinspection_of, again.status, again.target_unit), (self.first, "planned", self.commune_a)
        )
        self.assertEqual(self.api_post(self.district_officer, url, {}).status_code, 409)  # one at a time
        actions.record_inspection(
            again,
            self.district_officer,
            inspected_on=TODAY(),
            answers=all_pass(self.commune_checklist),
            outcome="compliant",
        )
        self.first.refresh_from_db()
        self.assertEqual((self.first.follow_up_closed_on, self.first.follow_up_closed_by), (TODAY(), again))
        self.assertFalse(self.first.follow_up_open)
        self.assertEqual(list(overdue_follow_ups(self.district_officer, self.district, TODAY())), [])
        self.assertEqual(self.api_post(self.district_officer, url, {}).status_code, 409)  # nothing left to close

    def test_only_open_fixes_are_reinspected_and_only_by_the_inspecting_side(self) -> None:
        compliant = self.inspected(self.district_officer, self.commune_b)
        self.assertEqual(
            self.api_post(self.district_officer, f"/api/v1/inspections/{compliant.pk}/reinspect", {}).status_code, 409
        )
        url = f"/api/v1/inspections/{self.first.pk}/reinspect"
        self.assertEqual(self.api_post(self.officer_a, url, {}).status_code, 403)
        self.assertEqual(self.api_post(self.officer_b, url, {}).status_code, 404)
        response = self.api_post(self.district_officer, url, {"planned_on": str(TODAY() - timedelta(days=1))})
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Inspection.objects.filter(reinspection_of=self.first).exists())

    def test_the_page_plans_the_reinspection(self) -> None:
        client = self.client_for(self.district_officer)
        detail = client.get(reverse("inspections:detail", kwargs={"pk": self.first.pk}))
        self.assertContains(detail, 'data-testid="reinspect"')
        self.assertContains(detail, 'data-testid="fixes-open"')
        response = client.post(reverse("inspections:reinspect", kwargs={"pk": self.first.pk}))
        again = Inspection.objects.get(reinspection_of=self.first)
        self.assertRedirects(response, reverse("inspections:detail", kwargs={"pk": again.pk}))
        self.assertEqual(again.status, InspectionStatus.PLANNED)
