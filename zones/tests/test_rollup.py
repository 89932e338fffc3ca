"""Communes' levels from their cases, rolled up to districts and the province — provinces
computed by hand.

Đắk Nông (legacy 67) has 8 districts: Đắk Mil (663) with 10 communes, Krông Nô (664) with 12,
and six others. Lâm Đồng (2025 scheme, 68) has 124 communes and no districts.
"""

from datetime import timedelta

from territory.models import AdminUnit, Scheme
from zones.actions.levels import choose_framework
from zones.computing import current_figures, recompute
from zones.models import LevelChange, UnitLevel

from .base import ZonesTestCase, put_cases, today


def level_of(unit: AdminUnit) -> str:
    return UnitLevel.objects.select_related("level").get(unit=unit).level.code


class Framework2686RollUpTests(ZonesTestCase):
    def test_30_percent_very_high_makes_the_district_very_high_and_one_very_high_district_the_province_high(
        self,
    ) -> None:
        dak_mil = self.communes_of(self.district)
        for commune in dak_mil[:3]:  # 3 of 10 = 30 % very high (a cluster of untraced cases)
            put_cases(commune, 2, untraced=2)
        krong_no = self.communes_of(self.other_district)
        put_cases(krong_no[0], 1, linked=1)  # one case linked to a school: very high commune

        recompute(scheme=Scheme.LEGACY)

        self.assertEqual(level_of(dak_mil[0]), "nguy-co-rat-cao")
        self.assertEqual(level_of(dak_mil[3]), "binh-thuong-moi")
        self.assertEqual(level_of(self.district), "nguy-co-rat-cao")
        # Krông Nô: 1 of 12 very high (8 %): not 30 %, but one very high commune makes it high.
        self.assertEqual(level_of(self.other_district), "nguy-co-cao")
        # Province: 1 of 8 districts very high (12.5 %), 2 of 8 at least high (25 %): not 30 % or 50 %;
        # one very high district makes it high.
        self.assertEqual(level_of(self.province), "nguy-co-cao")
        self.assertEqual(level_of(self.legacy("660")), "binh-thuong-moi")

    def test_two_very_high_communes_of_ten_do_not_make_the_district_very_high(self) -> None:
        for commune in self.communes_of(self.district)[:2]:
            put_cases(commune, 3, untraced=3)
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(self.district), "nguy-co-cao")  # 20 % < 30 %; one very high → high

    def test_half_the_communes_high_makes_the_district_very_high(self) -> None:
        dak_mil = self.communes_of(self.district)
        for commune in dak_mil[:5]:  # traced clusters of 2: high communes, 5 of 10 = 50 %
            put_cases(commune, 2)
        krong_no = self.communes_of(self.other_district)
        for commune in krong_no[:2]:  # 2 of 12 high = 17 %: below every share; "nguy cơ" by count
            put_cases(commune, 2)
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(dak_mil[0]), "nguy-co-cao")
        self.assertEqual(level_of(self.district), "nguy-co-rat-cao")
        self.assertEqual(level_of(self.other_district), "nguy-co")
        # Province: one very high district → high.
        self.assertEqual(level_of(self.province), "nguy-co-cao")

    def test_three_districts_high_of_eight_make_the_province_high_by_share(self) -> None:
        for code in ("660", "661", "662"):  # one traced-cluster commune in each of 3 districts
            commune = AdminUnit.objects.filter(parent__code=code, scheme=Scheme.LEGACY).order_by("code").first()
            assert commune is not None
            for other in AdminUnit.objects.filter(parent__code=code, scheme=Scheme.LEGACY).order_by("code")[:3]:
                put_cases(other, 2)  # 3 of 6–8 communes high: ≥ 30 % → the district is high
        recompute(scheme=Scheme.LEGACY)
        for code in ("660", "661", "662"):
            self.assertEqual(level_of(self.legacy(code)), "nguy-co-cao", code)
        # 3 of 8 districts high = 37.5 % ≥ 30 % → province high; no district very high.
        self.assertEqual(level_of(self.province), "nguy-co-cao")

    def test_one_traced_case_needs_a_known_population_to_count_per_100000(self) -> None:
        commune_a, commune_b = self.commune_a, self.commune_b
        commune_a.population = 8_000  # 1 case in 8,000 people = 12.5 per 100,000 > 1
        commune_a.save()
        put_cases(commune_a, 1)
        put_cases(commune_b, 1)  # population unknown: the rate cannot be computed
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(commune_a), "nguy-co")
        self.assertEqual(level_of(commune_b), "binh-thuong-moi")
        self.assertIsNone(current_figures(commune_b).population)
        self.assertEqual(level_of(self.district), "nguy-co")  # at least one commune at "nguy cơ"

    def test_cases_older_than_14_days_no_longer_count(self) -> None:
        put_cases(self.commune_a, 2, untraced=2, day=today() - timedelta(days=14))
        put_cases(self.commune_b, 2, untraced=2, day=today() - timedelta(days=13))
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(self.commune_a), "binh-thuong-moi")
        self.assertEqual(level_of(self.commune_b), "nguy-co-rat-cao")

    def test_cases_in_villages_count_for_their_commune(self) -> None:
        put_cases(self.village_a, 1, untraced=1)
        put_cases(self.commune_a, 1, untraced=1)  # a case not placed in a village
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(self.commune_a), "nguy-co-rat-cao")
        self.assertEqual(current_figures(self.commune_a).untraced_cases, 2)
        change = LevelChange.objects.filter(unit=self.commune_a).latest("id")
        self.assertEqual(change.metrics["untraced_cases"], 2)  # the figures behind a change are kept

    def test_a_2025_province_rolls_up_from_its_communes(self) -> None:
        lam_dong = AdminUnit.objects.get(scheme=Scheme.Y2025, code="68")
        communes = list(AdminUnit.objects.filter(parent=lam_dong).order_by("code"))
        self.assertEqual(len(communes), 124)
        put_cases(communes[0], 1, linked=1)
        recompute(scheme=Scheme.Y2025)
        self.assertEqual(level_of(communes[0]), "nguy-co-rat-cao")
        self.assertEqual(level_of(lam_dong), "nguy-co-cao")  # 1 of 124 very high
        for commune in communes[1:38]:  # 38 of 124 = 30.6 % very high
            put_cases(commune, 2, untraced=2)
        recompute(scheme=Scheme.Y2025)
        self.assertEqual(level_of(lam_dong), "nguy-co-rat-cao")


class Resolution128RollUpTests(ZonesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        choose_framework(cls.province, "nq-128-cp", by=cls.admin)

    def test_new_cases_per_100000_per_week_give_the_commune_levels(self) -> None:
        communes = self.communes_of(self.district)
        for commune, cases in zip(communes[:5], (1, 2, 5, 15, 0), strict=True):
            commune.population = 10_000
            commune.save()
            if cases:
                put_cases(commune, cases, day=today() - timedelta(days=6))
        put_cases(communes[0], 5, day=today() - timedelta(days=7))  # outside the 7-day window
        recompute(scheme=Scheme.LEGACY)
        # per 100,000 per week: 10 → 1; 20 → 2; 50 → 3; 150 → 4; 0 → 1
        self.assertEqual([level_of(c) for c in communes[:5]], ["cap-1", "cap-2", "cap-3", "cap-4", "cap-1"])

    def test_districts_take_the_rate_of_their_communes_together(self) -> None:
        communes = self.communes_of(self.district)
        for commune in communes:
            commune.population = 5_000  # Đắk Mil: 10 × 5,000 = 50,000 people with a population known
            commune.save()
        put_cases(communes[0], 30)  # 30 / 5,000 = 600 per 100,000: level 4 for the commune
        recompute(scheme=Scheme.LEGACY)
        self.assertEqual(level_of(communes[0]), "cap-4")
        self.assertEqual(level_of(self.district), "cap-3")  # 30 / 50,000 = 60 per 100,000 per week
        self.assertEqual(level_of(self.province), "cap-3")  # the same people with a population known
