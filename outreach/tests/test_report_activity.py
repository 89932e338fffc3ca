"""Reporting an activity against a directive's content item: the rules, and nothing written when one is broken."""

from directives.models import Delivery
from outreach.models import Activity, Tally, VillageReach

from .base import OutreachTestCase


class ReportActivityTests(OutreachTestCase):
    def post(self, user, **changes):  # type: ignore[no-untyped-def]
        return self.api_post(user, "/api/v1/outreach/activities", self.activity_payload(**changes))

    def assertNothingWritten(self) -> None:
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(Tally.objects.exists())
        self.assertFalse(VillageReach.objects.exists())

    def test_a_commune_reports_a_loudspeaker_round_in_its_village(self) -> None:
        response = self.post(self.officer_a)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["organisation"], self.committee_a.code)
        self.assertEqual(body["reached"], [self.village_a.code])
        self.assertEqual(body["area"], self.village_a.code)
        delivery = Delivery.objects.get(directive=self.directive, organisation=self.committee_a)
        self.assertIsNotNone(delivery.first_reported_at)
        tally = Tally.objects.get()
        self.assertEqual((tally.activities, tally.quantity, tally.district_code), (1, 3, self.district.code))
        self.assertTrue(VillageReach.objects.filter(village=self.village_a).exists())

    def test_the_press_reports_an_article_without_villages(self) -> None:
        response = self.post(self.press, channel="bao-in", units=[], quantity=1)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["area"], self.province.code)
        self.assertEqual(Tally.objects.get().district_code, "")

    def test_a_content_item_of_another_directive_is_refused(self) -> None:
        other = self.make_issued(groups=["ubnd-xa-legacy-67"])
        response = self.post(self.officer_a, content_item=self.item(1, other).pk)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "content_item")
        self.assertNothingWritten()

    def test_villages_outside_the_reporters_area_are_refused(self) -> None:
        response = self.post(self.officer_a, units=[self.village_a.code, self.village_b.code])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["field"], "units")
        self.assertIn(self.village_b.name, response.json()["detail"])
        self.assertNothingWritten()

    def test_a_districts_centre_reaches_any_village_of_the_district(self) -> None:
        response = self.post(
            self.district_officer, organisation=self.centre.code, units=[self.village_a.code, self.village_b.code]
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["area"], self.district.code)
        other_village = self.other_commune.children.first()
        response = self.post(self.district_officer, organisation=self.centre.code, units=[other_village.code])
        self.assertEqual(response.status_code, 422)

    def test_negative_zero_or_absurd_quantities_are_refused(self) -> None:
        for quantity in (-1, 0, 1_000_000):
            with self.subTest(quantity=quantity):
                response = self.post(self.officer_a, quantity=quantity)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["errors"][0]["field"], "quantity")
        self.assertNothingWritten()

    def test_dates_before_the_directive_or_in_the_future_are_refused(self) -> None:
        self.assertEqual(self.post(self.officer_a, occurred_on="2021-05-01").status_code, 422)
        self.assertEqual(self.post(self.officer_a, occurred_on="2999-01-01").status_code, 422)
        self.assertNothingWritten()

    def test_a_loudspeaker_broadcast_needs_its_priority(self) -> None:
        self.assertEqual(self.post(self.officer_a, channel="truyen-thanh-co-so").status_code, 422)
        self.assertEqual(self.post(self.officer_a, channel="truyen-thanh-co-so", priority="rat-gap").status_code, 422)
        self.assertEqual(self.post(self.officer_a, channel="xe-loa", priority="khan-cap").status_code, 422)
        self.assertNothingWritten()
        self.assertEqual(self.post(self.officer_a, channel="truyen-thanh-co-so", priority="khan-cap").status_code, 201)

    def test_a_sibling_cannot_report_for_commune_a(self) -> None:
        response = self.post(self.officer_b, organisation=self.committee_a.code)
        self.assertEqual(response.status_code, 403)
        self.assertNothingWritten()

    def test_an_organisation_that_did_not_receive_it_cannot_report(self) -> None:
        response = self.post(self.writer, organisation="67-stttt", units=[])
        self.assertEqual(response.status_code, 422)
        self.assertNothingWritten()

    def test_unknown_channel_unit_or_item(self) -> None:
        self.assertEqual(self.post(self.officer_a, channel="bo-cau").status_code, 422)
        self.assertEqual(self.post(self.officer_a, units=["00000"]).status_code, 422)
        self.assertEqual(self.post(self.officer_a, content_item=999_999).status_code, 422)
        self.assertEqual(self.post(self.officer_a, evidence_url="javascript:alert(1)").status_code, 422)
        self.assertNothingWritten()

    def test_a_directive_not_received_is_not_found(self) -> None:
        private = self.make_issued(groups=[], organisations=[self.committee_b.code])
        response = self.post(self.officer_a, directive=private.pk, content_item=self.item(1, private).pk)
        self.assertEqual(response.status_code, 404)
        self.assertNothingWritten()

    def test_the_page_reports_an_activity(self) -> None:
        client = self.client_for(self.officer_a)
        url = f"/outreach/directives/{self.directive.pk}/report/"
        self.assertEqual(client.get(url).status_code, 200)
        response = client.post(url, self.banners(quantity="4", units=[self.village_a.pk], title="Treo băng rôn"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Activity.objects.get().quantity, 4)
        bad = client.post(url, self.banners(quantity="-4"))
        self.assertEqual(bad.status_code, 400)
        self.assertContains(bad, 'data-field-error="quantity"', status_code=400)
        self.assertEqual(Activity.objects.count(), 1)
        self.assertEqual(
            self.client_for(self.officer_b)
            .get(f"/outreach/directives/{self.private_directive().pk}/report/")
            .status_code,
            404,
        )

    def banners(self, **fields: object) -> dict[str, object]:
        """The report form for banners hung for item 2 of the directive on 15/05/2021."""
        return {
            "organisation": self.committee_a.pk,
            "content_item": self.item(2).pk,
            "channel": self.channel_pk("bang-ron"),
            "occurred_on": "2021-05-15",
            **fields,
        }

    def channel_pk(self, code: str) -> int:
        from outreach.models import Channel

        return Channel.objects.get(code=code).pk

    def private_directive(self):  # type: ignore[no-untyped-def]
        return self.make_issued(groups=[], organisations=[self.committee_a.code])
