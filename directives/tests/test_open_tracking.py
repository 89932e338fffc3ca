"""Opening a directive marks the reader's own organisations' copies as opened, no one else's."""

from directives.models import Delivery, Directive

from .base import DirectiveTestCase


class OpenTrackingTests(DirectiveTestCase):
    directive: Directive

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.directive = cls.make_issued(groups=["ubnd-xa-legacy-67", "bao-chi-legacy-67"])

    def opened(self) -> set[str]:
        return set(
            Delivery.objects.filter(directive=self.directive, opened_at__isnull=False).values_list(
                "organisation__code", flat=True
            )
        )

    def test_the_commune_page_opens_the_commune_copy(self) -> None:
        self.client_for(self.officer_a).get(f"/directives/{self.directive.pk}/")
        self.assertEqual(self.opened(), {self.commune_committee(self.commune_a).code})

    def test_downloading_the_pdf_opens_it_too(self) -> None:
        self.api_get(self.press, f"/api/v1/directives/{self.directive.pk}/document.pdf")
        self.assertEqual(self.opened(), {"67-bao-dak-nong"})

    def test_a_province_officer_reading_it_opens_no_commune_copy(self) -> None:
        self.client_for(self.province_officer).get(f"/directives/{self.directive.pk}/")
        self.client_for(self.district_officer).get(f"/directives/{self.directive.pk}/")
        self.assertEqual(self.opened(), set())

    def test_the_issuer_sees_who_opened(self) -> None:
        self.client_for(self.officer_a).get(f"/directives/{self.directive.pk}/")
        body = self.api_get(self.writer, f"/api/v1/directives/{self.directive.pk}").json()
        states = {r["organisation"]["code"]: r["state"] for r in body["recipients"]}
        self.assertEqual(states[self.commune_committee(self.commune_a).code], "opened")
        self.assertEqual(states[self.commune_committee(self.commune_b).code], "received")
