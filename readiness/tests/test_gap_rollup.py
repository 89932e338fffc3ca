from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from readiness import actions, queries
from readiness.models import Need, ResourceKind, UnitGap

from .base import ReadinessTestCase


class GapRollUpTests(ReadinessTestCase):
    def cover_everything(self, unit) -> None:  # type: ignore[no-untyped-def]
        gap = self.gap(unit, "1-10")
        self.declare(unit, **{code.replace("-", "_"): line[0] for code, line in gap.lines.items()})

    def test_the_province_sees_which_communes_cannot_cope(self) -> None:
        self.cover_everything(self.commune_b)
        short = [g.unit for g in queries.short_communes(self.province, self.first)]
        self.assertIn(self.commune_a, short)
        self.assertNotIn(self.commune_b, short)
        rows = {r.unit: r for r in queries.roll_up(self.province, self.first)}
        mil = rows[self.district]
        self.assertEqual(mil.communes_short, mil.communes - 1)
        self.assertEqual(rows[self.province].communes_short, rows[self.province].communes - 1)
        self.assertEqual(rows[self.other_district].worst_cover, 0)

    def test_a_pledge_from_the_district_counts_against_the_gap(self) -> None:
        kind = ResourceKind.objects.get(code="xe-cuu-thuong")
        self.assertEqual(self.gap(self.commune_a).lines["xe-cuu-thuong"], [1, 0, 0, 1])
        actions.pledge(self.commune_a, self.district, self.district_officer, kind=kind, quantity=1)
        self.assertEqual(self.gap(self.commune_a).lines["xe-cuu-thuong"], [1, 0, 1, 0])

    def test_only_a_level_above_may_pledge_and_only_its_own_officers(self) -> None:
        kind = ResourceKind.objects.get(code="xe-cuu-thuong")
        with self.assertRaises(ValidationError):
            actions.pledge(self.commune_a, self.commune_b, self.admin, kind=kind, quantity=1)
        with self.assertRaises(PermissionDenied):
            actions.pledge(self.commune_a, self.district, self.officer_a, kind=kind, quantity=1)
        with self.assertRaises(ValidationError):
            actions.pledge(self.commune_a, self.district, self.district_officer, kind=kind, quantity="-2")

    def test_the_command_recomputes_after_the_province_edits_a_need(self) -> None:
        Need.objects.filter(kind__code="xe-loa", level="commune").update(minimum=4)
        call_command("recompute_gaps", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(self.gap(self.commune_a).lines["xe-loa"], [4, 0, 0, 4])
        self.assertEqual(UnitGap.objects.filter(unit=self.commune_a).count(), 4)

    def test_the_overview_page_lists_the_short_communes_and_a_sibling_cannot_look_at_the_district(self) -> None:
        self.cover_everything(self.commune_b)
        page = self.client_for(self.province_officer).get("/readiness/", {"unit": self.district.code})
        self.assertEqual(page.status_code, 200)
        table = page.content.decode()
        self.assertIn(f'data-unit="{self.commune_a.code}"', table.split('data-testid="short-communes"')[1])
        self.assertNotIn(f'data-unit="{self.commune_b.code}"', table.split('data-testid="short-communes"')[1])
        self.assertEqual(
            self.client_for(self.officer_a).get("/readiness/", {"unit": self.district.code}).status_code, 403
        )
        self.assertEqual(
            self.client_for(self.other_district_officer)
            .get(f"/readiness/units/legacy/{self.commune_a.code}/")
            .status_code,
            403,
        )
