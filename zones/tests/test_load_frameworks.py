"""The frameworks, measures and types of goods ship as data, load idempotently, and keep the
administrator's edits."""

from django.core.exceptions import ValidationError
from django.core.management import call_command

from testing import JurisdictionTestCase
from zones.loader import load_zones_data
from zones.measures import cumulative_measures
from zones.models import DistancingMeasure, FrameworkStatus, GoodsType, LevelFramework, RiskLevel


class LoadFrameworksTests(JurisdictionTestCase):
    def test_ships_both_frameworks_with_colours_and_the_128_thresholds_marked_unverified(self) -> None:
        load_zones_data()
        qd2686 = LevelFramework.objects.get(code="qd-2686-bcdqg")
        self.assertTrue(qd2686.is_default)
        self.assertEqual(
            [(lv.name, lv.colour) for lv in qd2686.levels.order_by("rank")],
            [
                ("Bình thường mới", "#0FA57F"),
                ("Nguy cơ", "#F1BA15"),
                ("Nguy cơ cao", "#F28E12"),
                ("Nguy cơ rất cao", "#DA4711"),
            ],
        )
        nq128 = LevelFramework.objects.get(code="nq-128-cp")
        self.assertEqual(nq128.status, FrameworkStatus.UNVERIFIED)
        self.assertEqual(nq128.window_days, 7)
        self.assertEqual(
            sorted(DistancingMeasure.objects.values_list("code", flat=True)), ["ct-15", "ct-16", "ct-19", "phong-toa"]
        )
        self.assertTrue(GoodsType.objects.filter(code="nong-san").exists())

    def test_measures_are_cumulative_from_the_lowest_level(self) -> None:
        load_zones_data()
        levels = list(RiskLevel.objects.filter(framework__code="qd-2686-bcdqg").order_by("rank"))
        very_high = cumulative_measures(levels[3])
        self.assertEqual(len(very_high), sum(len(level.measures) for level in levels))
        self.assertEqual(very_high[: len(levels[0].measures)], levels[0].measures)
        self.assertIn("Không tập trung từ 3 người trở lên", very_high)
        self.assertNotIn("Không tập trung từ 3 người trở lên", cumulative_measures(levels[2]))

    def test_loading_twice_changes_nothing_and_keeps_the_administrators_edits(self) -> None:
        call_command("load_zones_data", verbosity=0)
        level = RiskLevel.objects.get(framework__code="qd-2686-bcdqg", code="nguy-co")
        level.colour = "#FFFF00"
        level.save()
        counts = (LevelFramework.objects.count(), RiskLevel.objects.count(), DistancingMeasure.objects.count())
        call_command("load_zones_data", verbosity=0)
        self.assertEqual(
            (LevelFramework.objects.count(), RiskLevel.objects.count(), DistancingMeasure.objects.count()), counts
        )
        level.refresh_from_db()
        self.assertEqual(level.colour, "#FFFF00")
        call_command("load_zones_data", "--refresh", verbosity=0)
        level.refresh_from_db()
        self.assertEqual(level.colour, "#F1BA15")

    def test_rules_edited_in_the_admin_are_checked(self) -> None:
        load_zones_data()
        framework = LevelFramework.objects.get(code="qd-2686-bcdqg")
        framework.commune_rules = [{"level": "nguy-co", "any": [{"metric": "cases", "at_least": -1}]}]
        with self.assertRaises(ValidationError):
            framework.full_clean()
        framework.commune_rules = [{"level": "no-such-level", "any": [{"metric": "cases", "at_least": 1}]}]
        with self.assertRaises(ValidationError):
            framework.full_clean()
        framework.rollup = {
            "mode": "children",
            "rules": [{"level": "nguy-co", "any": [{"children_at_least": "nguy-co"}]}],
        }
        framework.commune_rules = []
        with self.assertRaises(ValidationError):
            framework.full_clean()
        level = framework.levels.get(code="nguy-co")
        level.colour = "yellow"
        with self.assertRaises(ValidationError):
            level.full_clean()

    def test_the_administrator_edits_them_in_the_admin(self) -> None:
        load_zones_data()
        client = self.client_for(self.admin)
        framework = LevelFramework.objects.get(code="nq-128-cp")
        self.assertEqual(client.get(f"/admin/zones/levelframework/{framework.pk}/change/").status_code, 200)
        self.assertEqual(client.get("/admin/zones/distancingmeasure/").status_code, 200)
        self.assertEqual(self.client_for(self.officer_a).get("/admin/zones/levelframework/").status_code, 302)
