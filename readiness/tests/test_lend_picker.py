"""A level lends to a unit below it from its own page: the unit lent to is picked with the unit
picker, which offers only the units below the lender in the user's jurisdiction."""

from django.urls import reverse

from readiness.models import Pledge, ResourceKind
from territory.queries import unit_label

from .base import ReadinessTestCase


class LendPickerTests(ReadinessTestCase):
    def lend_url(self, unit):  # type: ignore[no-untyped-def]
        return reverse("readiness:lend", args=[unit.scheme, unit.code])

    def kind(self) -> ResourceKind:
        return ResourceKind.objects.filter(is_active=True).order_by("code").first()  # type: ignore[return-value]

    def test_the_lenders_page_offers_a_picker_of_the_units_below(self) -> None:
        page = self.client_for(self.district_officer).get(
            reverse("readiness:unit", args=["legacy", self.district.code])
        )
        self.assertContains(
            page, f'data-picker="{reverse("units:pick")}?scheme=legacy&amp;scope=change&amp;under={self.district.code}"'
        )
        matches = self.client_for(self.district_officer).get(
            reverse("units:pick"), {"q": "dak", "scope": "change", "under": self.district.code, "scheme": "legacy"}
        )
        found = [m["value"] for m in matches.json()["results"]]
        self.assertTrue(found)
        self.assertNotIn(self.district.code, found)
        self.assertTrue(all(m["label"].endswith(")") for m in matches.json()["results"]))

    def test_a_sibling_is_offered_nothing_below_the_other_commune(self) -> None:
        matches = self.client_for(self.officer_b).get(
            reverse("units:pick"), {"q": self.village_a.name, "scope": "change", "under": self.commune_a.code}
        )
        self.assertEqual(matches.json()["results"], [])

    def test_the_picked_unit_gets_the_pledge(self) -> None:
        kind = self.kind()
        response = self.client_for(self.district_officer).post(
            self.lend_url(self.district), {"unit": unit_label(self.commune_a), "kind": kind.code, "quantity": "2"}
        )
        self.assertRedirects(response, reverse("readiness:unit", args=["legacy", self.district.code]))
        pledge = Pledge.objects.get()
        self.assertEqual(
            (pledge.unit, pledge.by_unit, pledge.kind, pledge.quantity), (self.commune_a, self.district, kind, 2)
        )

    def test_a_unit_not_below_the_lender_or_no_unit_is_the_fields_error(self) -> None:
        for value in (self.other_commune.code, self.district.code, "khong co"):
            response = self.client_for(self.district_officer).post(
                self.lend_url(self.district), {"unit": value, "kind": self.kind().code, "quantity": "2"}
            )
            self.assertContains(response, 'data-field-error="unit"', status_code=400)
        self.assertFalse(Pledge.objects.exists())

    def test_a_commune_officer_may_not_lend_from_the_district(self) -> None:
        response = self.client_for(self.officer_a).post(
            self.lend_url(self.district), {"unit": self.commune_a.code, "kind": self.kind().code, "quantity": "2"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Pledge.objects.exists())
