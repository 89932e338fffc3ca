"""Zones end by lifting (from a date) or by themselves at their planned end."""

from datetime import timedelta
from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from zones.actions import Conflict
from zones.actions.zones import expire_zones, lift_zone
from zones.measures import what_applies
from zones.models import DistancingZone, EndReason, ZoneStatus

from .base import ZonesTestCase, make_zone


class ZoneExpiryTests(ZonesTestCase):
    def test_a_zone_past_its_planned_end_no_longer_applies_even_before_the_command_runs(self) -> None:
        now = timezone.now()
        zone = make_zone(self.officer_a, [self.village_a], planned_end=now + timedelta(hours=1))
        self.assertEqual(what_applies(self.village_a).governing, zone)
        later = now + timedelta(hours=2)
        self.assertIsNone(what_applies(self.village_a, later).governing)
        self.assertEqual(zone.status(later), ZoneStatus.EXPIRED)
        self.assertEqual(expire_zones(later), 1)
        self.assertEqual(expire_zones(later), 0)  # a second run finds nothing
        zone.refresh_from_db()
        self.assertEqual((zone.ended_at, zone.end_reason), (zone.planned_end, EndReason.EXPIRED))

    def test_the_command_marks_expired_zones(self) -> None:
        zone = make_zone(self.officer_a, [self.village_a])
        DistancingZone.objects.filter(pk=zone.pk).update(
            starts_at=timezone.now() - timedelta(days=15), planned_end=timezone.now() - timedelta(days=1)
        )
        out = StringIO()
        call_command("expire_zones", stdout=out)
        self.assertIn("1 zones expired", out.getvalue())
        self.assertEqual(self.client.get("/api/v1/public/zones").json(), [])
        self.assertContains(self.client.get(f"/zones/{zone.pk}/"), 'data-status="expired"')

    def test_lifting_ends_the_zone_now_or_from_a_later_moment(self) -> None:
        zone = make_zone(self.officer_a, [self.village_a])
        later = timezone.now() + timedelta(days=2)
        response = self.api_post(
            self.officer_a,
            f"/api/v1/zones/{zone.pk}/lift",
            {"at": later.isoformat(), "decision_number": "50/QĐ-UBND", "reason": "14 ngày không có ca mới"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "active")  # until then
        self.assertEqual(what_applies(self.village_a, later + timedelta(minutes=1)).governing, None)
        self.assertEqual(zone.__class__.objects.get().status(later + timedelta(minutes=1)), ZoneStatus.LIFTED)

    def test_lifting_bad_input(self) -> None:
        zone = make_zone(self.officer_a, [self.village_a])
        with self.assertRaises(ValidationError) as refused:
            lift_zone(zone, by=self.officer_a, at=zone.starts_at - timedelta(days=1))
        self.assertIn("at", refused.exception.message_dict)
        with self.assertRaises(ValidationError):
            lift_zone(zone, by=self.officer_a, at=zone.planned_end + timedelta(days=1))
        response = self.api_post(self.officer_b, f"/api/v1/zones/{zone.pk}/lift", {})
        self.assertEqual(response.status_code, 403)
        lift_zone(zone, by=self.officer_a)
        with self.assertRaises(Conflict):
            lift_zone(zone, by=self.officer_a)
        response = self.api_post(self.officer_a, f"/api/v1/zones/{zone.pk}/lift", {})
        self.assertEqual(response.status_code, 409)
        self.assertEqual(
            self.api_post(self.officer_a, "/api/v1/zones/999999/lift", {}).status_code,
            404,
        )

    def test_the_lift_page(self) -> None:
        zone = make_zone(self.officer_a, [self.village_a])
        client = self.client_for(self.officer_a)
        response = client.post(f"/zones/{zone.pk}/lift/", {"reason": "Hết ca mới"})
        self.assertRedirects(response, f"/zones/{zone.pk}/")
        zone.refresh_from_db()
        self.assertEqual(zone.end_reason, EndReason.LIFTED)
        self.assertEqual(client.post(f"/zones/{zone.pk}/lift/", {}).status_code, 409)
        self.assertEqual(self.client_for(self.officer_b).get(f"/zones/{zone.pk}/lift/").status_code, 403)
