from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from inspections.models import Inspection, InspectionStatus
from readiness import actions, gaps
from readiness.models import Stock, Verification, VerifiedLine

from .base import ReadinessTestCase


class ReadinessInspectionTests(ReadinessTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.today = timezone.localdate()
        # Commune A declares what 1–10 cases need of test kits (220), ambulances (1) and masks (2,200).
        self.declare(self.commune_a, kit_xet_nghiem=220, xe_cuu_thuong=1, khau_trang=2200)

    def verify(self, by=None, **counted):  # type: ignore[no-untyped-def]
        return actions.verify(
            self.commune_a,
            by or self.inspector,
            inspected_on=self.today,
            counted={code.replace("_", "-"): actions.Counted(v) for code, v in counted.items()},
            outcome="needs_fixes",
            findings="Thiếu bộ xét nghiệm so với khai báo.",
            fix_by=self.today + timedelta(days=14),
        )

    def test_the_checklist_is_what_the_unit_declared_and_the_figures_sit_side_by_side(self) -> None:
        verification = self.verify(kit_xet_nghiem=100, xe_cuu_thuong=1, khau_trang=2100)
        lines = {line.kind.code: line for line in verification.lines.all()}
        self.assertEqual(set(lines), {"kit-xet-nghiem", "xe-cuu-thuong", "khau-trang"})
        kits = lines["kit-xet-nghiem"]
        self.assertEqual(
            (kits.declared, kits.verified, kits.difference, kits.declared_on), (220, 100, -120, self.today)
        )
        self.assertTrue(kits.flagged)
        self.assertFalse(lines["khau-trang"].flagged)  # 4.5 % short: within the threshold
        self.assertFalse(lines["xe-cuu-thuong"].flagged)
        inspection = verification.inspection
        self.assertEqual((inspection.unit, inspection.target_unit), (self.district, self.commune_a))
        self.assertEqual(inspection.status, InspectionStatus.DONE)
        self.assertIsNone(inspection.checklist)
        self.assertEqual((inspection.score, inspection.max_score), (1, 3))  # only the ambulance as declared

    def test_the_gap_counts_the_verified_figure_until_the_unit_declares_again(self) -> None:
        self.assertEqual(self.gap(self.commune_a).lines["kit-xet-nghiem"][:4], [220, 220, 0, 0])
        self.verify(kit_xet_nghiem=100, xe_cuu_thuong=1, khau_trang=2200)
        line = self.gap(self.commune_a).lines["kit-xet-nghiem"]
        self.assertEqual(line, [220, 100, 0, 120, self.today.isoformat()])
        self.assertEqual(len(self.gap(self.commune_a).lines["xe-cuu-thuong"]), 5)
        page = self.client_for(self.officer_a).get(f"/readiness/units/legacy/{self.commune_a.code}/")
        self.assertContains(page, f"đã kiểm tra {self.today:%d/%m/%Y}")
        # A figure declared after the inspection replaces the verified one.
        Verification.objects.update(inspected_on=self.today - timedelta(days=1))
        self.declare(self.commune_a, kit_xet_nghiem=220)
        self.assertEqual(self.gap(self.commune_a).lines["kit-xet-nghiem"], [220, 220, 0, 0])

    def test_a_verification_older_than_the_limit_no_longer_counts(self) -> None:
        self.verify(kit_xet_nghiem=100, xe_cuu_thuong=1, khau_trang=2200)
        long_ago = self.today - timedelta(days=gaps.VERIFIED_FOR_DAYS + 1)
        Verification.objects.update(inspected_on=long_ago)
        Stock.objects.filter(unit=self.commune_a).update(updated_on=long_ago - timedelta(days=1))
        gaps.recompute([self.commune_a])
        self.assertEqual(self.gap(self.commune_a).lines["kit-xet-nghiem"], [220, 220, 0, 0])

    def test_a_sibling_commune_or_the_unit_itself_cannot_inspect_and_nothing_is_written(self) -> None:
        for user in (self.officer_b, self.officer_a, self.other_district_officer):
            with self.assertRaises(PermissionDenied):
                self.verify(by=user, kit_xet_nghiem=100, xe_cuu_thuong=1, khau_trang=2200)
            self.assertEqual(
                self.client_for(user).get(f"/readiness/units/legacy/{self.commune_a.code}/inspect/").status_code, 403
            )
        self.assertFalse(Inspection.objects.exists())
        self.assertFalse(Verification.objects.exists())

    def test_bad_figures_are_refused_with_every_problem_and_nothing_is_written(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.verify(
                self.commune_a,
                self.district_officer,
                inspected_on=self.today + timedelta(days=1),
                counted={
                    "kit-xet-nghiem": actions.Counted("-3"),
                    "xe-cuu-thuong": actions.Counted("một"),
                    "giuong-dieu-tri": actions.Counted(4),
                },
                outcome="",
            )
        problems = caught.exception.message_dict
        self.assertIn("kit-xet-nghiem", problems)
        self.assertIn("xe-cuu-thuong", problems)
        self.assertIn("khau-trang", problems)  # not counted
        self.assertIn("giuong-dieu-tri", problems)  # not declared
        self.assertIn("inspected_on", problems)
        self.assertIn("outcome", problems)
        self.assertFalse(Inspection.objects.exists())
        self.assertFalse(VerifiedLine.objects.exists())

    def test_the_district_records_it_on_the_page_and_the_inspection_shows_the_flagged_line(self) -> None:
        client = self.client_for(self.district_officer)
        form = client.get(f"/readiness/units/legacy/{self.commune_a.code}/inspect/")
        self.assertContains(form, 'name="v-kit-xet-nghiem"')
        self.assertNotContains(form, 'name="v-giuong-dieu-tri"')
        response = client.post(
            f"/readiness/units/legacy/{self.commune_a.code}/inspect/",
            {
                "v-kit-xet-nghiem": "100",
                "n-kit-xet-nghiem": "120 bộ đã hết hạn",
                "v-xe-cuu-thuong": "1",
                "v-khau-trang": "2200",
                "inspected_on": self.today.isoformat(),
                "outcome": "needs_fixes",
                "findings": "Thiếu bộ xét nghiệm.",
                "fix_by": (self.today + timedelta(days=7)).isoformat(),
            },
        )
        inspection = Inspection.objects.get()
        self.assertRedirects(response, f"/inspections/{inspection.pk}/")
        page = client.get(f"/inspections/{inspection.pk}/").content.decode()
        table = page.split('data-testid="verified-figures"')[1]
        self.assertIn('data-kind="kit-xet-nghiem" class="table-danger" data-flagged="1"', table)
        self.assertIn("120 bộ đã hết hạn", table)
        self.assertIn("thiếu 54%", table)
        self.assertIn("2/3 loại đúng số khai báo", page)
        self.assertNotIn('data-kind="khau-trang" class="table-danger"', table)
        # The unit inspected sees it; its sibling does not.
        self.assertEqual(self.client_for(self.officer_a).get(f"/inspections/{inspection.pk}/").status_code, 200)
        self.assertEqual(self.client_for(self.officer_b).get(f"/inspections/{inspection.pk}/").status_code, 404)
        audited = AuditEntry.objects.filter(content_type__model="verifiedline", actor=self.district_officer)
        self.assertEqual(audited.count(), 3)

    def test_a_refused_page_shows_the_problems_and_keeps_what_was_typed(self) -> None:
        response = self.client_for(self.district_officer).post(
            f"/readiness/units/legacy/{self.commune_a.code}/inspect/",
            {"v-kit-xet-nghiem": "-1", "v-xe-cuu-thuong": "1", "v-khau-trang": "2100", "outcome": "compliant"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "không được âm", status_code=400)
        self.assertContains(response, 'value="2100"', status_code=400)
        self.assertFalse(Inspection.objects.exists())


class ReadinessInspectionApiTests(ReadinessTestCase):
    def test_the_district_records_a_readiness_inspection_and_a_sibling_is_refused(self) -> None:
        self.declare(self.commune_a, xe_cuu_thuong=2, khau_trang=2200)
        url = f"/api/v1/readiness/units/legacy/{self.commune_a.code}/inspections"
        body = {
            "inspected_on": timezone.localdate().isoformat(),
            "outcome": "needs_fixes",
            "findings": "Một xe cứu thương đang sửa chữa.",
            "fix_by": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "lines": [{"kind": "xe-cuu-thuong", "verified": 1}, {"kind": "khau-trang", "verified": 2200}],
        }
        refused = self.api_post(self.officer_b, url, body)
        self.assertEqual(refused.status_code, 403)
        bad = self.api_post(
            self.district_officer, url, {**body, "lines": [{"kind": "xe-cuu-thuong", "verified": "-1"}]}
        )
        self.assertEqual(bad.status_code, 422)
        fields = {e["field"] for e in bad.json()["errors"]}
        self.assertEqual(fields, {"xe-cuu-thuong", "khau-trang"})
        made = self.api_post(self.district_officer, url, body)
        self.assertEqual(made.status_code, 201, made.content)
        lines = {line["kind"]: line for line in made.json()["lines"]}
        self.assertEqual((lines["xe-cuu-thuong"]["difference"], lines["xe-cuu-thuong"]["flagged"]), (-1, True))
        self.assertFalse(lines["khau-trang"]["flagged"])
        listed = self.api_get(self.officer_a, url).json()
        self.assertEqual([v["inspecting_unit"] for v in listed], [self.district.code])
        self.assertEqual(self.api_get(self.officer_b, url).status_code, 403)


class NothingDeclaredTests(ReadinessTestCase):
    def test_a_unit_with_nothing_declared_has_nothing_to_verify(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.verify(
                self.commune_b,
                self.district_officer,
                inspected_on=date(2021, 5, 10),
                counted={},
                outcome="compliant",
            )
        self.assertIn("lines", caught.exception.message_dict)
