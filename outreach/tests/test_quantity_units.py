"""A quantity is read with its channel's unit — 6 loudspeaker broadcasts are "6 lượt phát", not
"6 phút" — in the summary and in the form that asks for it."""

from outreach.models import Channel

from .base import OutreachTestCase


class QuantityUnitTests(OutreachTestCase):
    def test_each_channel_counts_in_its_own_unit(self) -> None:
        units = dict(Channel.objects.values_list("code", "measure__name"))
        self.assertEqual(units["truyen-thanh-co-so"], "lượt phát")
        self.assertEqual(units["phat-thanh-truyen-hinh"], "phút")
        self.assertEqual(units["pa-no"], "tấm")
        self.assertEqual(units["bang-ron"], "chiếc")
        self.assertEqual(units["bao-in"], "bài")

    def test_the_summary_shows_broadcasts_as_broadcasts(self) -> None:
        self.report(
            self.officer_a, channel="truyen-thanh-co-so", quantity=6, organisation=self.committee_a, priority="uu-tien"
        )
        page = self.client_for(self.writer).get(f"/outreach/directives/{self.directive.pk}/").content.decode()
        self.assertIn("6 lượt phát", page)
        self.assertNotIn("6 phút", page)

    def test_the_form_names_the_unit_with_the_channel(self) -> None:
        page = self.client_for(self.officer_a).get(f"/outreach/directives/{self.directive.pk}/report/")
        self.assertContains(page, "Phát trên loa truyền thanh cơ sở (lượt phát)")
        self.assertContains(page, 'inputmode="numeric"')


class DirectiveLinksTests(OutreachTestCase):
    """A directive's page links only to what the reader may open."""

    def test_a_recipient_may_report_but_is_not_sent_to_the_issuers_summary(self) -> None:
        summary = f"/outreach/directives/{self.directive.pk}/"
        page = self.client_for(self.officer_a).get(f"/directives/{self.directive.pk}/").content.decode()
        self.assertIn(f"{summary}report/", page)
        self.assertNotIn(f'href="{summary}"', page)
        self.assertEqual(self.client_for(self.officer_a).get(summary).status_code, 403)

    def test_the_issuer_follows_the_summary(self) -> None:
        page = self.client_for(self.writer).get(f"/directives/{self.directive.pk}/").content.decode()
        self.assertIn(f'href="/outreach/directives/{self.directive.pk}/"', page)
