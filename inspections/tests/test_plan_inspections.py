"""Planning inspections down the hierarchy: only units strictly below the inspecting unit and
places within it; a lower unit never inspects a higher one; all targets or none."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from inspections import actions
from inspections.models import Inspection, InspectionPlan, InspectionStatus

from .base import TODAY, InspectionTestCase


class PlanInspectionsTests(InspectionTestCase):
    def plan(self, by, unit, targets, **extra):  # type: ignore[no-untyped-def]
        values = {
            "title": "Kiểm tra công tác phòng, chống dịch tháng 5",
            "period_start": TODAY(),
            "period_end": TODAY() + timedelta(days=30),
            "team": "Đoàn kiểm tra liên ngành huyện",
            **extra,
        }
        return actions.plan_inspections(by, unit=unit, targets=targets, **values)

    def test_district_plans_its_communes_villages_and_places(self) -> None:
        plan = self.plan(
            self.district_officer, self.district, [self.commune_a, self.commune_b, self.village_a, self.place_a]
        )
        rows = list(plan.inspections.order_by("pk").values_list("target_level", "status", "unit_id"))
        self.assertEqual(
            rows,
            [
                ("commune", InspectionStatus.PLANNED, self.district.pk),
                ("commune", InspectionStatus.PLANNED, self.district.pk),
                ("village", InspectionStatus.PLANNED, self.district.pk),
                ("place", InspectionStatus.PLANNED, self.district.pk),
            ],
        )
        checklists = dict(plan.inspections.values_list("target_level", "checklist__code"))
        self.assertEqual(checklists["commune"], "kiem-tra-cap-huyen-xa")  # the checklist of each level
        self.assertEqual(checklists["village"], "kiem-tra-thon-buon")
        self.assertIsNone(checklists["place"])  # a place is checked against its criteria set

    def test_an_inspector_of_the_district_plans_too(self) -> None:
        plan = self.plan(self.inspector, self.district, [self.commune_a])
        self.assertEqual(plan.inspections.count(), 1)

    def test_a_commune_cannot_inspect_its_district_nor_itself(self) -> None:
        for target in (self.district, self.commune_a):
            with self.subTest(target=target.name), self.assertRaises(PermissionDenied):
                self.plan(self.officer_a, self.commune_a, [target])
        with self.assertRaises(PermissionDenied):
            self.plan(self.officer_a, self.district, [self.commune_a])  # not their unit to plan from
        self.assertFalse(InspectionPlan.objects.exists())

    def test_a_sibling_commune_cannot_inspect_the_other_ones_village_or_place(self) -> None:
        for target in (self.village_a, self.place_a):
            with self.subTest(target=str(target)), self.assertRaises(PermissionDenied):
                self.plan(self.officer_b, self.commune_b, [target])
        with self.assertRaises(PermissionDenied):
            self.plan(self.other_district_officer, self.other_district, [self.commune_a])
        self.assertFalse(Inspection.objects.exists())

    def test_one_bad_target_plans_nothing(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.plan(self.officer_a, self.commune_a, [self.village_a, self.village_b])
        self.assertFalse(InspectionPlan.objects.exists())
        self.assertFalse(Inspection.objects.exists())

    def test_bad_period_title_and_duplicates_are_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            self.plan(
                self.district_officer,
                self.district,
                [self.commune_a, self.commune_a],
                title=" ",
                period_end=TODAY() - timedelta(days=1),
            )
        self.assertEqual(set(caught.exception.message_dict), {"title", "period_end", "targets"})
        with self.assertRaises(ValidationError) as caught:
            self.plan(self.district_officer, self.district, [])
        self.assertIn("targets", caught.exception.message_dict)
        self.assertFalse(InspectionPlan.objects.exists())

    def test_plan_through_the_api(self) -> None:
        body = {
            "by_unit": self.district.code,
            "title": "Kiểm tra các xã",
            "period_start": str(TODAY()),
            "period_end": str(TODAY() + timedelta(days=10)),
            "targets": [
                {"unit": self.commune_a.code},
                {"unit": self.village_b.code},
                {"place": self.place_a.public_code},
            ],
        }
        response = self.api_post(self.district_officer, "/api/v1/inspection-plans", body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(len(response.json()["inspections"]), 3)
        plan_id = response.json()["id"]
        self.assertEqual(self.api_get(self.district_officer, f"/api/v1/inspection-plans/{plan_id}").status_code, 200)
        self.assertEqual(
            self.api_get(self.other_district_officer, f"/api/v1/inspection-plans/{plan_id}").status_code, 404
        )

    def test_api_refuses_a_lower_unit_planning_a_higher_one_and_unknown_targets(self) -> None:
        body = {
            "by_unit": self.commune_a.code,
            "title": "Xã kiểm tra huyện",
            "period_start": str(TODAY()),
            "period_end": str(TODAY()),
            "targets": [{"unit": self.district.code}],
        }
        response = self.api_post(self.officer_a, "/api/v1/inspection-plans", body)
        self.assertEqual(response.status_code, 403)
        body["targets"] = [{"unit": "99999"}, {"place": "NOSUCH"}]
        response = self.api_post(self.officer_a, "/api/v1/inspection-plans", body)
        self.assertEqual(response.status_code, 422)
        self.assertEqual({e["field"] for e in response.json()["errors"]}, {"targets.0", "targets.1"})
        self.assertFalse(InspectionPlan.objects.exists())

    def test_plan_through_the_page(self) -> None:
        client = self.client_for(self.district_officer)
        self.assertEqual(client.get(reverse("inspections:plan_new")).status_code, 200)
        response = client.post(
            reverse("inspections:plan_new"),
            {
                "unit": str(self.district.pk),
                "title": "Kiểm tra tháng 5",
                "period_start": str(TODAY()),
                "period_end": str(TODAY() + timedelta(days=7)),
                "target_units": [str(self.commune_a.pk)],
                "more_units": self.village_b.code,
                "places": self.place_a.public_code.lower(),
            },
        )
        plan = InspectionPlan.objects.get()
        self.assertRedirects(response, reverse("inspections:plan", kwargs={"pk": plan.pk}))
        self.assertEqual(plan.inspections.count(), 3)
        self.assertContains(client.get(reverse("inspections:plan", kwargs={"pk": plan.pk})), "Chợ Đức Mạnh")

    def test_the_page_refuses_a_target_outside_the_jurisdiction(self) -> None:
        response = self.client_for(self.officer_a).post(
            reverse("inspections:plan_new"),
            {
                "unit": str(self.commune_a.pk),
                "title": "Kiểm tra",
                "period_start": str(TODAY()),
                "period_end": str(TODAY()),
                "more_units": self.village_b.code,
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(InspectionPlan.objects.exists())
