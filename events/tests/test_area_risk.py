from django.core.exceptions import ValidationError

from events import actions, queries
from zones.actions.levels import override_level
from zones.loader import load_zones_data
from zones.models import RiskLevel

from .base import EventTestCase


class AreaRiskTests(EventTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_zones_data()
        top = RiskLevel.objects.filter(framework__is_default=True).order_by("-rank").first()
        assert top is not None
        override_level(cls.commune_b, top.code, "Ổ dịch cộng đồng", by=cls.admin)

    def test_a_site_in_a_very_high_area_is_flagged_for_a_decision_by_the_level_above(self) -> None:
        flagged = [site for site, _area in queries.flagged_sites(self.district_officer, self.event)]
        self.assertEqual(flagged, [self.site_b])
        self.assertTrue(queries.area_of(self.site_b.unit).very_high)
        self.assertFalse(queries.area_of(self.site_a.unit).very_high)
        with self.assertRaises(ValidationError):
            actions.decide(self.site_b, self.district_officer, decision="mobile_box", note="")
        actions.decide(self.site_b, self.district_officer, decision="mobile_box", note="Chỉ dùng hòm phiếu phụ")
        page = self.client_for(self.district_officer).get(f"/events/{self.event.pk}/sites/{self.site_b.pk}/")
        self.assertContains(page, 'data-testid="area-level"')
        self.assertContains(page, top_name())


def top_name() -> str:
    level = RiskLevel.objects.filter(framework__is_default=True).order_by("-rank").first()
    assert level is not None
    return level.name
