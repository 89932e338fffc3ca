"""Door-to-door screening: a commune or district opens a campaign, villages record counts day by
day, progress per village, commune and district shows the villages lagging behind."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from inspections import actions
from inspections.models import ScreeningCampaign, ScreeningDay
from inspections.screening import progress
from territory.models import AdminUnit
from testing import add_village, make_user

from .base import TODAY, InspectionTestCase


class ScreeningTests(InspectionTestCase):
    village_a2: AdminUnit

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.village_a2 = add_village(cls.commune_a, 2, "Bon Bu Prăng")

    def open(self, by=None, unit=None, days_ago=4, length=10):  # type: ignore[no-untyped-def]
        start = TODAY() - timedelta(days=days_ago)
        return actions.open_campaign(
            by or self.officer_a,
            unit=unit or self.commune_a,
            title="Rà soát người về từ vùng dịch",
            target_group="Người từ vùng có dịch trở về địa phương",
            period_start=start,
            period_end=start + timedelta(days=length - 1),
        )

    def day(self, campaign, village, days_ago=0, by=None, **counts):  # type: ignore[no-untyped-def]
        values = {"households": 200, "households_visited": 50, "people_screened": 180, "people_referred": 2, **counts}
        return actions.record_screening_day(
            campaign, by or self.officer_a, village=village, day=TODAY() - timedelta(days=days_ago), **values
        )

    def post_day(self, client, campaign, households, visited, screened, referred):  # type: ignore[no-untyped-def]
        """Today's counts for village_a through the campaign's page."""
        return client.post(
            reverse("inspections:campaign", kwargs={"pk": campaign.pk}),
            {
                "village": str(self.village_a.pk),
                "day": str(TODAY()),
                "households": households,
                "households_visited": visited,
                "people_screened": screened,
                "people_referred": referred,
            },
        )

    def test_who_opens_a_campaign(self) -> None:
        self.assertEqual(self.open().unit, self.commune_a)
        self.assertEqual(self.open(self.district_officer, self.district).unit, self.district)
        with self.assertRaises(PermissionDenied):
            self.open(self.officer_b, self.commune_a)
        with self.assertRaises(PermissionDenied):
            self.open(self.inspector, self.district)  # inspectors inspect; officers run campaigns
        with self.assertRaises(ValidationError) as caught:
            self.open(self.officer_a, self.village_a)
        self.assertIn("unit", caught.exception.message_dict)
        self.assertEqual(ScreeningCampaign.objects.count(), 2)

    def test_days_add_up_and_the_same_day_is_corrected(self) -> None:
        campaign = self.open()
        self.day(campaign, self.village_a, days_ago=2, households_visited=60)
        self.day(campaign, self.village_a, days_ago=1, households_visited=70, people_referred=1)
        self.day(campaign, self.village_a, days_ago=1, households_visited=80, people_referred=1)  # corrected
        self.assertEqual(ScreeningDay.objects.filter(campaign=campaign).count(), 2)
        found = progress(campaign, TODAY())
        village = next(v for v in found.total.villages if v.village == self.village_a)
        self.assertEqual((village.tally.visited, village.tally.households, village.tally.coverage), (140, 200, 70.0))
        self.assertEqual((village.tally.screened, village.tally.referred, village.days_reported), (360, 3, 2))

    def test_lagging_villages(self) -> None:
        campaign = self.open(days_ago=4, length=10)  # half the days gone by
        self.day(campaign, self.village_a, households_visited=120)  # 60 %
        found = progress(campaign, TODAY())
        self.assertEqual(found.expected, 50.0)
        self.assertEqual([v.village for v in found.lagging], [self.village_a2])  # never reported
        self.day(campaign, self.village_a2, households_visited=40)  # 20 %: behind by more than 10 points
        self.assertEqual([v.village for v in progress(campaign, TODAY()).lagging], [self.village_a2])
        self.day(campaign, self.village_a2, days_ago=1, households_visited=60)  # 100/200 = 50 %
        self.assertEqual(progress(campaign, TODAY()).lagging, [])

    def test_a_district_campaign_shows_each_commune(self) -> None:
        campaign = self.open(self.district_officer, self.district)
        self.day(campaign, self.village_a, by=self.officer_a)
        self.day(campaign, self.village_b, by=self.officer_b, households=100, households_visited=100)
        found = progress(campaign, TODAY())
        by_commune = {area.unit: area for area in found.areas}
        self.assertEqual(by_commune[self.commune_a].tally.visited, 50)
        self.assertEqual(by_commune[self.commune_b].tally.coverage, 100.0)
        self.assertEqual(found.total.tally.households, 300)
        self.assertEqual(len(found.areas), self.district.children.count())

    def test_bad_counts_and_days_are_refused(self) -> None:
        campaign = self.open()
        cases: dict[str, dict[str, Any]] = {
            "households_visited": {"households": 10, "households_visited": 11},
            "people_referred": {"people_screened": 5, "people_referred": 6},
            "households": {"households": -1},
            "people_screened": {"people_screened": "nhiều"},
        }
        for field, counts in cases.items():
            with self.subTest(field=field), self.assertRaises(ValidationError) as caught:
                self.day(campaign, self.village_a, **counts)
            self.assertIn(field, caught.exception.message_dict)
        for days_ago in (-1, 30):  # the future, before the campaign
            with self.subTest(days_ago=days_ago), self.assertRaises(ValidationError) as caught:
                self.day(campaign, self.village_a, days_ago=days_ago)
            self.assertIn("day", caught.exception.message_dict)
        with self.assertRaises(ValidationError):
            self.day(campaign, self.village_b, by=self.district_officer)  # not a village of this campaign
        with self.assertRaises(PermissionDenied):
            self.day(self.open(self.district_officer, self.district), self.village_a, by=self.officer_b)
        self.assertFalse(ScreeningDay.objects.exists())

    def test_the_api(self) -> None:
        body = {
            "unit": self.commune_a.code,
            "title": "Rà soát",
            "target_group": "Người về từ TP Hồ Chí Minh",
            "period_start": str(TODAY() - timedelta(days=2)),
            "period_end": str(TODAY() + timedelta(days=5)),
        }
        self.assertEqual(self.api_post(self.officer_b, "/api/v1/screening-campaigns", body).status_code, 403)
        response = self.api_post(self.officer_a, "/api/v1/screening-campaigns", body)
        self.assertEqual(response.status_code, 201, response.content)
        url = f"/api/v1/screening-campaigns/{response.json()['id']}"
        day = {
            "village": self.village_a.code,
            "day": str(TODAY()),
            "households": 150,
            "households_visited": 60,
            "people_screened": 95,
            "people_referred": 0,
        }
        self.assertEqual(self.api_post(self.officer_a, f"{url}/days", day).status_code, 200)
        self.assertEqual(
            self.api_post(self.officer_a, f"{url}/days", {**day, "households_visited": 151}).status_code, 422
        )
        self.assertEqual(self.api_post(self.officer_b, f"{url}/days", day).status_code, 404)
        progress_body = self.api_get(self.officer_a, url).json()
        self.assertEqual(progress_body["total"]["visited"], 60)
        self.assertEqual(progress_body["lagging"], [self.village_a2.code])
        self.assertEqual(self.api_get(self.officer_b, url).status_code, 404)
        self.assertEqual(self.api_get(self.district_officer, url).status_code, 200)

    def test_a_village_officer_records_for_the_communes_campaign(self) -> None:
        village_officer = make_user("village_a", Role.OFFICER, self.village_a)
        campaign = self.open()
        client = self.client_for(village_officer)
        page = client.get(reverse("inspections:campaign", kwargs={"pk": campaign.pk}))
        self.assertEqual(page.status_code, 200)
        self.assertEqual([c[0] for c in page.context["form"].fields["village"].choices], [str(self.village_a.pk)])
        response = self.post_day(client, campaign, 90, 20, 70, 1)
        self.assertRedirects(response, reverse("inspections:campaign", kwargs={"pk": campaign.pk}))
        self.assertEqual(ScreeningDay.objects.get().recorded_by, village_officer)

    def test_the_pages(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post(
            reverse("inspections:campaign_new"),
            {
                "unit": str(self.commune_a.pk),
                "title": "Rà soát",
                "target_group": "Người về từ vùng dịch",
                "period_start": str(TODAY()),
                "period_end": str(TODAY() + timedelta(days=7)),
            },
        )
        campaign = ScreeningCampaign.objects.get()
        self.assertRedirects(response, reverse("inspections:campaign", kwargs={"pk": campaign.pk}))
        response = self.post_day(client, campaign, 10, 20, 5, 0)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="households_visited"', status_code=400)
        self.assertContains(client.get(reverse("inspections:campaigns")), "Rà soát")
        self.assertEqual(
            self.client_for(self.officer_b)
            .get(reverse("inspections:campaign", kwargs={"pk": campaign.pk}))
            .status_code,
            404,
        )
        choices = (
            self.client_for(self.officer_b)
            .get(reverse("inspections:campaign_new"))
            .context["form"]
            .fields["unit"]
            .choices
        )
        self.assertEqual([c[0] for c in choices], [str(self.commune_b.pk)])
