"""POST and GET /api/v1/inspections: the inspecting unit, targets, recording at once, and who
sees which inspection."""

from datetime import timedelta

from django.urls import reverse

from inspections.models import Inspection, InspectionStatus

from .base import TODAY, InspectionTestCase, all_pass


class CreateInspectionApiTests(InspectionTestCase):
    url = "/api/v1/inspections"

    def test_the_inspecting_unit_is_the_narrowest_one_above_the_target(self) -> None:
        response = self.api_post(
            self.officer_a,
            self.url,
            {"target_unit": self.village_a.code, "period_start": str(TODAY()), "period_end": str(TODAY())},
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["by_unit"]["code"], self.commune_a.code)
        self.assertEqual(
            body["target"], {"kind": "unit", "level": "village", "name": "Thôn 1", "code": self.village_a.code}
        )
        self.assertEqual(body["status"], "planned")
        self.assertEqual(body["checklist"], "kiem-tra-thon-buon")

    def test_planned_and_recorded_at_once(self) -> None:
        body = {
            "target_unit": self.commune_a.code,
            "record": {
                "inspected_on": str(TODAY()),
                "outcome": "compliant",
                "answers": all_pass(self.commune_checklist),
                "inspectors": "Nguyễn Văn An, Phó Chủ tịch UBND huyện",
            },
        }
        response = self.api_post(self.district_officer, self.url, body)
        self.assertEqual(response.status_code, 201, response.content)
        found = response.json()
        self.assertEqual(
            (found["status"], found["outcome"], found["period_start"]), ("done", "compliant", str(TODAY()))
        )
        self.assertEqual((found["score"], found["max_score"], found["percent"]), ("11.00", "11.00", "100.0"))

    def test_a_refused_record_plans_nothing_either(self) -> None:
        body = {"target_unit": self.commune_a.code, "record": {"inspected_on": str(TODAY()), "outcome": "compliant"}}
        response = self.api_post(self.district_officer, self.url, body)
        self.assertEqual(response.status_code, 422)
        self.assertTrue(any(e["field"].startswith("answers.") for e in response.json()["errors"]))
        self.assertFalse(Inspection.objects.exists())

    def test_a_lower_unit_inspecting_a_higher_one_is_forbidden(self) -> None:
        for user, target in (
            (self.officer_a, self.district.code),
            (self.officer_a, self.commune_a.code),
            (self.officer_b, self.village_a.code),
            (self.other_district_officer, self.commune_a.code),
            (self.press, self.commune_a.code),
        ):
            with self.subTest(user=user.username, target=target):
                body = {"target_unit": target, "period_start": str(TODAY()), "period_end": str(TODAY())}
                self.assertEqual(self.api_post(user, self.url, body).status_code, 403)
        self.assertFalse(Inspection.objects.exists())
        body = {"target_unit": self.commune_a.code, "period_start": str(TODAY()), "period_end": str(TODAY())}
        self.assertEqual(self.api_post(None, self.url, body).status_code, 401)

    def test_a_place_outside_the_jurisdiction_is_forbidden(self) -> None:
        body = {"target_place": self.place_a.public_code, "period_start": str(TODAY()), "period_end": str(TODAY())}
        self.assertEqual(self.api_post(self.officer_b, self.url, body).status_code, 403)
        self.assertEqual(self.api_post(self.officer_a, self.url, body).status_code, 201)

    def test_bad_input_is_422(self) -> None:
        cases = [
            {"period_start": str(TODAY()), "period_end": str(TODAY())},  # no target
            {"target_unit": self.commune_a.code, "target_place": self.place_a.public_code},
            {"target_unit": "00000", "period_start": str(TODAY()), "period_end": str(TODAY())},
            {
                "target_unit": self.commune_a.code,
                "period_start": str(TODAY()),
                "period_end": str(TODAY() - timedelta(1)),
            },
            {"target_unit": self.commune_a.code, "period_start": "tháng năm"},
            {
                "target_unit": self.commune_a.code,
                "checklist": "no-such",
                "period_start": str(TODAY()),
                "period_end": str(TODAY()),
            },
        ]
        for body in cases:
            with self.subTest(body=body):
                response = self.api_post(self.district_officer, self.url, body)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertTrue(response.json()["detail"])
        self.assertFalse(Inspection.objects.exists())


class ListInspectionsApiTests(InspectionTestCase):
    url = "/api/v1/inspections"
    of_commune_a: Inspection
    of_village_b: Inspection
    of_place_a: Inspection

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.of_commune_a = cls.schedule_for(cls.district_officer, cls.commune_a)
        cls.of_village_b = cls.schedule_for(cls.officer_b, cls.village_b)
        cls.of_place_a = cls.schedule_for(cls.district_officer, cls.place_a)

    @classmethod
    def schedule_for(cls, by, target):  # type: ignore[no-untyped-def]
        from inspections import actions
        from inspections.actions import Schedule

        return actions.schedule_inspection(by, target=target, schedule=Schedule(TODAY(), TODAY()))

    def ids(self, user, **params):  # type: ignore[no-untyped-def]
        response = self.api_get(user, self.url, params)
        self.assertEqual(response.status_code, 200, response.content)
        return {item["id"] for item in response.json()["items"]}

    def test_each_level_sees_what_lies_below_it(self) -> None:
        everything = {self.of_commune_a.pk, self.of_village_b.pk, self.of_place_a.pk}
        self.assertEqual(self.ids(self.province_officer), everything)
        self.assertEqual(self.ids(self.district_officer), everything)
        self.assertEqual(self.ids(self.inspector), everything)
        # The commune sees the district's inspection of itself, not the sibling's.
        self.assertEqual(self.ids(self.officer_a), {self.of_commune_a.pk, self.of_place_a.pk})
        self.assertEqual(self.ids(self.officer_b), {self.of_village_b.pk})
        self.assertEqual(self.ids(self.other_district_officer), set())

    def test_unit_and_period_filters(self) -> None:
        self.assertEqual(self.ids(self.district_officer, unit=self.commune_b.code), {self.of_village_b.pk})
        self.assertEqual(
            self.ids(self.district_officer, period=TODAY().strftime("%Y-%m")),
            {self.of_commune_a.pk, self.of_village_b.pk, self.of_place_a.pk},
        )
        self.assertEqual(self.ids(self.district_officer, period=str(TODAY().year - 3)), set())

    def test_bad_filters(self) -> None:
        self.assertEqual(self.api_get(self.officer_b, self.url, {"unit": self.commune_a.code}).status_code, 403)
        self.assertEqual(self.api_get(self.officer_b, self.url, {"unit": "99999"}).status_code, 404)
        for params in ({"period": "2021-13"}, {"period": "hôm qua"}, {"status": "maybe"}, {"outcome": "good"}):
            with self.subTest(params=params):
                self.assertEqual(self.api_get(self.district_officer, self.url, params).status_code, 422)

    def test_one_inspection_is_404_outside_the_jurisdiction(self) -> None:
        url = f"{self.url}/{self.of_village_b.pk}"
        self.assertEqual(self.api_get(self.officer_b, url).status_code, 200)
        self.assertEqual(self.api_get(self.officer_a, url).status_code, 404)
        self.assertEqual(self.api_get(self.other_district_officer, url).status_code, 404)

    def test_owners_see_the_recorded_inspections_of_their_places(self) -> None:
        self.assertEqual(self.ids(self.owner), set())  # still only planned
        from inspections import actions

        actions.record_inspection(
            self.of_place_a,
            self.district_officer,
            inspected_on=TODAY(),
            answers={"plan": "yes", "masks": "pass", "staff": 20, "toilets": 9},
            outcome="compliant",
        )
        self.assertEqual(self.ids(self.owner), {self.of_place_a.pk})
        self.assertEqual(Inspection.objects.get(pk=self.of_place_a.pk).status, InspectionStatus.DONE)
        page = self.client_for(self.owner).get(reverse("inspections:list"))
        self.assertEqual([i.pk for i in page.context["page"]], [self.of_place_a.pk])
        detail = self.client_for(self.owner).get(reverse("inspections:detail", kwargs={"pk": self.of_place_a.pk}))
        self.assertEqual(detail.status_code, 200)
        self.assertNotContains(detail, 'data-testid="upload-form"')
        self.assertEqual(self.client_for(self.owner).get(reverse("inspections:coverage")).status_code, 403)
