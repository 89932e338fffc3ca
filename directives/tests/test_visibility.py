"""Who sees a directive: its issuing side, and the recipients in their own jurisdiction only."""

from django.urls import reverse

from directives.models import Directive

from .base import DirectiveTestCase


class VisibilityTests(DirectiveTestCase):
    to_a: Directive
    to_district: Directive
    draft: Directive

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Sent to the People's Committee of commune A only.
        cls.to_a = cls.make_issued(groups=[], organisations=[cls.commune_committee(cls.commune_a).code])
        # Sent to the People's Committee of Đắk Mil district only.
        cls.to_district = cls.make_issued(groups=[], organisations=[f"ubnd-legacy-{cls.district.code}"])
        cls.draft = cls.make_draft(groups=[], organisations=[cls.commune_committee(cls.commune_a).code])

    def status(self, user, directive) -> int:  # type: ignore[no-untyped-def]
        return self.api_get(user, f"/api/v1/directives/{directive.pk}").status_code

    def test_the_recipient_and_those_above_it_see_it(self) -> None:
        for user in (self.officer_a, self.district_officer, self.province_officer, self.inspector, self.writer):
            with self.subTest(user=user.username):
                self.assertEqual(self.status(user, self.to_a), 200)

    def test_a_sibling_commune_does_not_see_it(self) -> None:
        self.assertEqual(self.status(self.officer_b, self.to_a), 404)
        self.assertEqual(
            self.client_for(self.officer_b).get(reverse("directives:detail", args=[self.to_a.pk])).status_code, 404
        )
        self.assertEqual(
            self.api_get(self.officer_b, f"/api/v1/directives/{self.to_a.pk}/document.pdf").status_code,
            404,
        )

    def test_another_district_does_not_see_what_went_to_this_one(self) -> None:
        self.assertEqual(self.status(self.other_district_officer, self.to_district), 404)
        self.assertEqual(self.status(self.district_officer, self.to_district), 200)
        self.assertEqual(self.status(self.press, self.to_district), 404)

    def test_a_draft_is_seen_by_its_issuing_side_only(self) -> None:
        self.assertEqual(self.status(self.officer_a, self.draft), 404)
        self.assertEqual(self.status(self.writer, self.draft), 200)
        self.assertEqual(self.status(self.province_officer, self.draft), 200)

    def test_the_lists_hold_what_the_caller_issued_or_received(self) -> None:
        def ids(user, box):  # type: ignore[no-untyped-def]
            response = self.api_get(user, "/api/v1/directives", {"box": box})
            self.assertEqual(response.status_code, 200)
            return {d["id"] for d in response.json()}

        self.assertEqual(ids(self.officer_a, "received"), {self.to_a.pk})
        self.assertEqual(ids(self.officer_b, "all"), set())
        self.assertEqual(ids(self.writer, "sent"), {self.to_a.pk, self.to_district.pk, self.draft.pk})
        self.assertEqual(ids(self.writer, "received"), set())
        self.assertEqual(self.api_get(self.writer, "/api/v1/directives", {"box": "x"}).status_code, 422)
        page = self.client_for(self.officer_b).get(reverse("directives:list"))
        self.assertNotContains(page, f'data-directive="{self.to_a.pk}"')
        page = self.client_for(self.officer_a).get(reverse("directives:list"))
        self.assertContains(page, f'data-directive="{self.to_a.pk}"')

    def test_a_recipient_sees_only_its_own_status_the_issuer_all(self) -> None:
        directive = self.make_issued(groups=["ubnd-xa-legacy-67"])
        mine = self.api_get(self.officer_a, f"/api/v1/directives/{directive.pk}").json()
        self.assertEqual(
            [r["organisation"]["code"] for r in mine["recipients"]], [self.commune_committee(self.commune_a).code]
        )
        everyone = self.api_get(self.writer, f"/api/v1/directives/{directive.pk}").json()
        self.assertEqual(len(everyone["recipients"]), directive.deliveries.count())

    def test_anonymous_callers_are_refused(self) -> None:
        self.assertEqual(self.client.get(f"/api/v1/directives/{self.to_a.pk}").status_code, 401)
