"""An officer sets a unit's level by hand with a reason; the computed level stays visible and the
district and province roll up from the level in force."""

from territory.models import Scheme
from zones.computing import recompute
from zones.models import ChangeSource, LevelChange, UnitLevel

from .base import ZonesTestCase, put_cases


class OverrideLevelTests(ZonesTestCase):
    def setUp(self) -> None:
        super().setUp()
        recompute(scheme=Scheme.LEGACY)

    def post(self, user, unit, level="nguy-co-rat-cao", reason="Ca bệnh liên quan chợ đầu mối"):  # type: ignore[no-untyped-def]
        return self.api_post(
            user, f"/api/v1/levels/{unit.scheme}/{unit.code}/override", {"level": level, "reason": reason}
        )

    def clear(self, user, unit, reason):  # type: ignore[no-untyped-def]
        return self.api_post(user, f"/api/v1/levels/{unit.scheme}/{unit.code}/override/clear", {"reason": reason})

    def test_the_override_is_in_force_the_computed_level_stays_and_the_district_follows(self) -> None:
        response = self.post(self.district_officer, self.commune_a)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            (body["level"], body["computed_level"], body["overridden"]), ("nguy-co-rat-cao", "binh-thuong-moi", True)
        )
        self.assertEqual(UnitLevel.objects.get(unit=self.district).level.code, "nguy-co-cao")  # one very high commune
        change = LevelChange.objects.filter(unit=self.commune_a).latest("id")
        self.assertEqual(
            (change.source, change.reason, change.by),
            (ChangeSource.OVERRIDE, "Ca bệnh liên quan chợ đầu mối", self.district_officer),
        )
        # The next recomputation keeps it, however the figures move.
        put_cases(self.commune_a, 1)
        recompute(scheme=Scheme.LEGACY)
        row = UnitLevel.objects.get(unit=self.commune_a)
        self.assertEqual((row.level.code, row.computed_level.code), ("nguy-co-rat-cao", "binh-thuong-moi"))

    def test_the_public_page_shows_both_levels_and_the_reason(self) -> None:
        self.post(self.officer_a, self.commune_a)
        response = self.client.get(f"/levels/legacy/{self.commune_a.code}/")
        self.assertContains(response, 'data-testid="override"')
        self.assertContains(response, 'data-level="binh-thuong-moi"')
        self.assertContains(response, "Ca bệnh liên quan chợ đầu mối")

    def test_clearing_goes_back_to_the_computed_level(self) -> None:
        self.post(self.officer_a, self.commune_a)
        response = self.clear(self.officer_a, self.commune_a, "Đã xác minh")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["level"], "binh-thuong-moi")
        self.assertEqual(UnitLevel.objects.get(unit=self.district).level.code, "binh-thuong-moi")
        response = self.clear(self.officer_a, self.commune_a, "Lần nữa")
        self.assertEqual(response.status_code, 422)

    def test_only_officers_of_the_unit(self) -> None:
        self.assertEqual(self.post(self.officer_b, self.commune_a).status_code, 403)
        self.assertEqual(self.post(self.other_district_officer, self.district).status_code, 403)
        self.assertEqual(self.post(self.inspector, self.commune_a).status_code, 403)
        self.assertEqual(self.post(self.officer_a, self.district).status_code, 403)  # a commune officer, a district
        self.assertFalse(UnitLevel.objects.filter(override_level__isnull=False).exists())

    def test_a_reason_and_a_level_of_the_framework_are_required(self) -> None:
        for level, reason, field in (("nguy-co", "  ", "reason"), ("cap-4", "Lý do", "level"), ("x", "Lý do", "level")):
            with self.subTest(level=level):
                response = self.post(self.officer_a, self.commune_a, level, reason)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["errors"][0]["field"], field)
        self.assertEqual(self.post(self.officer_a, self.village_a).status_code, 422)  # villages have no level
        self.assertFalse(UnitLevel.objects.filter(override_level__isnull=False).exists())

    def test_the_override_page(self) -> None:
        client = self.client_for(self.officer_a)
        url = f"/levels/legacy/{self.commune_a.code}/override/"
        self.assertEqual(client.get(url).status_code, 200)
        self.assertEqual(client.post(url, {"level": "nguy-co", "reason": ""}).status_code, 422)
        response = client.post(url, {"level": "nguy-co", "reason": "Giáp ranh ổ dịch"})
        self.assertRedirects(response, f"/levels/legacy/{self.commune_a.code}/")
        self.assertEqual(UnitLevel.objects.get(unit=self.commune_a).level.code, "nguy-co")
        self.assertEqual(self.client_for(self.officer_b).get(url).status_code, 403)
