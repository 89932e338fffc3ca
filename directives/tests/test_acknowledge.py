"""Recipients acknowledge a directive, for their own organisation only."""

from django.core.exceptions import PermissionDenied

from directives.actions import acknowledge
from directives.models import Delivery, Directive
from territory.models import Organisation

from .base import DirectiveTestCase


class AcknowledgeTests(DirectiveTestCase):
    directive: Directive
    committee_a: Organisation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.directive = cls.make_issued(groups=["ubnd-xa-legacy-67", "bao-chi-legacy-67", "ubnd-huyen-legacy-67"])
        cls.committee_a = cls.commune_committee(cls.commune_a)

    def ack(self, user, **payload):  # type: ignore[no-untyped-def]
        return self.api_post(user, f"/api/v1/directives/{self.directive.pk}/acknowledge", payload)

    def delivery(self, organisation) -> Delivery:  # type: ignore[no-untyped-def]
        return Delivery.objects.get(directive=self.directive, organisation=organisation)

    def test_a_commune_officer_acknowledges_for_their_commune(self) -> None:
        response = self.ack(self.officer_a)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["organisation"]["code"], self.committee_a.code)
        delivery = self.delivery(self.committee_a)
        self.assertIsNotNone(delivery.acknowledged_at)
        self.assertEqual(delivery.acknowledged_by, self.officer_a)
        self.assertIsNotNone(delivery.opened_at)

    def test_the_press_acknowledges_for_its_agency(self) -> None:
        self.assertEqual(self.ack(self.press).status_code, 200)
        self.assertIsNotNone(self.delivery(self.press_agency).acknowledged_at)

    def test_a_sibling_cannot_acknowledge_for_commune_a(self) -> None:
        response = self.ack(self.officer_b, organisation=self.committee_a.code)
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(self.delivery(self.committee_a).acknowledged_at)

    def test_who_acts_for_no_recipient_is_refused_before_the_directive_is_looked_at(self) -> None:
        # A sibling naming an organisation it does not act for learns nothing of the recipients.
        self.assertEqual(self.ack(self.officer_b, organisation="67-stttt").status_code, 403)
        with self.assertRaises(PermissionDenied):
            acknowledge(self.make_draft(), by=self.owner)

    def test_an_organisation_that_is_not_a_recipient_is_refused(self) -> None:
        response = self.ack(self.writer, organisation="67-stttt")
        self.assertEqual(response.status_code, 422)

    def test_a_district_officer_acts_for_the_district_committee(self) -> None:
        response = self.ack(self.district_officer)
        self.assertEqual(response.json()["organisation"]["code"], f"ubnd-legacy-{self.district.code}")
        # …and may acknowledge for a commune below when asked to.
        self.assertEqual(self.ack(self.district_officer, organisation=self.committee_a.code).status_code, 200)
        self.assertEqual(self.ack(self.other_district_officer, organisation=self.committee_a.code).status_code, 403)

    def test_acknowledging_twice_keeps_the_first_moment(self) -> None:
        first = self.ack(self.officer_a).json()["acknowledged_at"]
        self.assertEqual(self.ack(self.officer_a).json()["acknowledged_at"], first)

    def test_a_draft_cannot_be_acknowledged(self) -> None:
        draft = self.make_draft()
        response = self.client.post(f"/api/v1/directives/{draft.pk}/acknowledge", headers=self.api_headers(self.writer))
        self.assertEqual(response.status_code, 422)

    def test_the_page_acknowledges(self) -> None:
        client = self.client_for(self.officer_a)
        page = client.get(f"/directives/{self.directive.pk}/")
        self.assertContains(page, f'value="{self.committee_a.code}"')
        client.post(f"/directives/{self.directive.pk}/acknowledge/", {"organisation": self.committee_a.code})
        self.assertIsNotNone(self.delivery(self.committee_a).acknowledged_at)
