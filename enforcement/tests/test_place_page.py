"""A place's public page shows its published violations, and only those, for the period the province sets."""

from datetime import timedelta

from django.template.loader import render_to_string

from enforcement import actions
from enforcement.models import DisclosurePolicy
from enforcement.public import violations_shown_for

from .base import TODAY, ViolationTestCase


class PlacePageTests(ViolationTestCase):
    def at_place(self, **values):  # type: ignore[no-untyped-def]
        return {
            "offender_kind": "place",
            "establishment": self.place_a,
            "type": "khong-tam-dung-kinh-doanh",
            "act": "Vẫn họp chợ khi có yêu cầu tạm dừng",
            "occurred_on": TODAY() - timedelta(days=200),
            **values,
        }

    def test_published_are_shown_decided_drafts_and_withdrawn_are_not(self) -> None:
        self.decided(self.at_place())
        published = self.published(self.at_place())
        self.draft(self.at_place())
        withdrawn = self.published(self.at_place())
        actions.withdraw_violation(withdrawn, self.district_officer, reason="Nhầm cơ sở")
        shown = violations_shown_for(self.place_a)
        self.assertEqual([v["id"] for v in shown], [published.pk])
        self.assertEqual(violations_shown_for(self.place_b), [])

    def test_for_the_period_the_province_sets(self) -> None:
        old = self.published(self.at_place(), decision_date=TODAY() - timedelta(days=100))
        recent = self.published(self.at_place(), decision_date=TODAY() - timedelta(days=10))
        self.assertEqual([v["id"] for v in violations_shown_for(self.place_a)], [recent.pk])  # 90 days by default
        policy = DisclosurePolicy.objects.create(unit=self.province, days_on_place_page=180)
        self.assertEqual({v["id"] for v in violations_shown_for(self.place_a)}, {old.pk, recent.pk})
        policy.days_on_place_page = 5
        policy.save()
        self.assertEqual(violations_shown_for(self.place_a), [])

    def test_the_place_page_and_the_public_api_agree(self) -> None:
        decided = self.decided(self.at_place())
        page = self.client.get(f"/p/{self.place_a.public_code}")
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, f'data-violation="{decided.pk}"')
        self.assertEqual(self.client.get(f"/api/v1/public/violations/{decided.pk}").status_code, 404)
        published = self.published(self.at_place())
        self.assertContains(self.client.get(f"/p/{self.place_a.public_code}"), f'data-violation="{published.pk}"')
        self.assertEqual(self.client.get(f"/api/v1/public/violations/{published.pk}").status_code, 200)

    def test_the_partial_the_place_page_includes(self) -> None:
        published = self.published(self.at_place())
        html = render_to_string(
            "enforcement/_place_violations.html", {"violations": violations_shown_for(self.place_a)}
        )
        self.assertIn('data-testid="place-violations"', html)
        self.assertIn(f'data-violation="{published.pk}"', html)
        self.assertIn("15/QĐ-XPVPHC", html)
        self.assertEqual(render_to_string("enforcement/_place_violations.html", {"violations": []}).strip(), "")

    def test_the_public_page_of_a_place_violation_links_to_the_place(self) -> None:
        from django.urls import reverse

        published = self.published(self.at_place())
        page = self.client.get(reverse("enforcement:public_detail", kwargs={"pk": published.pk}))
        self.assertContains(page, f'href="/p/{self.place_a.public_code}"')
        self.assertContains(page, "Chợ Đức Mạnh")
