from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from readiness import actions
from readiness.models import Drill, PlanDocument

from .base import PDF, ReadinessTestCase


class DrillTests(ReadinessTestCase):
    def test_a_drill_is_recorded_with_its_scenario_and_findings(self) -> None:
        actions.record_drill(
            self.commune_a,
            self.officer_a,
            held_on="2021-05-10",
            scenario=self.first,
            participants="35",
            findings="Thiếu xe chuyển bệnh nhân",
        )
        page = self.client_for(self.district_officer).get(f"/readiness/units/legacy/{self.commune_a.code}/")
        self.assertContains(page, "Thiếu xe chuyển bệnh nhân")

    def test_a_drill_in_the_future_or_without_findings_is_refused(self) -> None:
        tomorrow = date.today() + timedelta(days=1)
        with self.assertRaises(ValidationError) as caught:
            actions.record_drill(
                self.commune_a, self.officer_a, held_on=tomorrow, scenario=self.first, participants=3, findings=""
            )
        self.assertEqual(set(caught.exception.message_dict), {"held_on", "findings"})
        with self.assertRaises(PermissionDenied):
            actions.record_drill(
                self.commune_a, self.officer_b, held_on="2021-05-10", scenario=self.first, participants=3, findings="x"
            )
        self.assertFalse(Drill.objects.exists())


class PlanTests(ReadinessTestCase):
    def test_each_upload_is_a_new_version_and_the_newest_is_in_force(self) -> None:
        for title in ("Kế hoạch 01", "Kế hoạch 02"):
            actions.upload_plan(self.commune_a, self.officer_a, title=title, upload=SimpleUploadedFile("kh.pdf", PDF))
        self.assertEqual(
            list(PlanDocument.objects.values_list("version", "title")), [(2, "Kế hoạch 02"), (1, "Kế hoạch 01")]
        )
        page = self.client_for(self.officer_a).get(f"/readiness/units/legacy/{self.commune_a.code}/plan/v2/")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page["Content-Type"], "application/pdf")
        self.assertEqual(
            self.client_for(self.officer_b).get(f"/readiness/units/legacy/{self.commune_a.code}/plan/v2/").status_code,
            403,
        )

    def test_a_program_renamed_as_pdf_is_refused_on_the_page(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post(
            f"/readiness/units/legacy/{self.commune_a.code}/plan/",
            {"title": "Kế hoạch", "file": SimpleUploadedFile("kh.pdf", b"MZ\x90\x00binary")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "PDF", status_code=400)
        self.assertFalse(PlanDocument.objects.exists())
