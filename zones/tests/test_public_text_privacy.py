"""A zone's reason and justification, a lifting's reason and a level's reason are published: a
phone number, ID number or e-mail address in them is refused and nothing is saved."""

from django.core.exceptions import ValidationError
from django.utils import translation

from territory.models import Scheme
from zones.actions.zones import declare_zone, lift_zone
from zones.computing import recompute
from zones.models import DistancingZone, UnitLevel

from .base import ZonesTestCase, make_zone, zone_input


class PublicTextPrivacyTests(ZonesTestCase):
    def test_a_zone_with_a_phone_in_its_reason_is_refused(self) -> None:
        with translation.override("vi"), self.assertRaises(ValidationError) as refused:
            declare_zone(zone_input([self.village_a], reason="F0 gọi 0912 – 345 – 678 đồng"), by=self.officer_a)
        self.assertIn("0912 – 345 – 678", refused.exception.message_dict["reason"][0])
        self.assertFalse(DistancingZone.objects.exists())

    def test_a_justification_with_an_email_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            declare_zone(
                zone_input([self.commune_a], scope_justification="hỏi chị Hoa hoa.nguyen@gmail.com"), by=self.officer_a
            )
        self.assertIn("scope_justification", refused.exception.message_dict)

    def test_lifting_with_an_id_number_is_refused(self) -> None:
        zone = make_zone(self.officer_a, [self.village_a])
        with self.assertRaises(ValidationError):
            lift_zone(zone, by=self.officer_a, reason="theo đề nghị của ông A, CCCD 067201001234")
        zone.refresh_from_db()
        self.assertIsNone(zone.ended_at)

    def test_an_override_reason_with_a_phone_is_refused_by_the_api(self) -> None:
        recompute(scheme=Scheme.LEGACY)
        response = self.api_post(
            self.district_officer,
            f"/api/v1/levels/{self.commune_a.scheme}/{self.commune_a.code}/override",
            {"level": "nguy-co-rat-cao", "reason": "Báo cáo của SĐT ０９０５１２３４５６"},
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("0905123456", response.json()["detail"])
        self.assertFalse(UnitLevel.objects.filter(unit=self.commune_a, override_level__isnull=False).exists())
