"""Every shipped set scores hand-computed answers to the official result.

3088 (hospitals) and the Huế restaurants ship without criteria: here they get criteria the way
an administrator would add them (a new version), and their bands and rules are checked.
"""

from decimal import Decimal
from typing import Any

from safety import scoring
from safety.actions.criteria import revise_criteria_set
from safety.criteria import current_set
from testing import CriteriaSetsTestCase

WORKPLACES = "qd-2194-co-so-san-xuat-kinh-doanh"
HCM = "qd-1203-hcm-co-so-san-xuat"
SCHOOLS = "cv-1467-truong-hoc"
HOSPITALS = "qd-3088-benh-vien"
CLINICS = "qd-4999-co-so-kham-chua-benh"
SERVICES = "qd-5619-khu-vuc-dich-vu"
HUE = "hue-2020-nha-hang"


def score_item(code: str, max_points: int, **extra: Any) -> dict[str, Any]:
    return {"code": code, "text": f"Tiêu chí {code}", "kind": "score", "max_points": max_points, **extra}


def with_items(definition: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    return {**definition, "sections": [{"code": "C1", "title": "Chương 1", "items": items}]}


def hcm_answers(workforce: int, others: list[int]) -> dict[str, Any]:
    return {"TP1": workforce} | {f"TP{n}": value for n, value in zip(range(2, 11), others, strict=True)}


def school_answers(failed: set[int]) -> dict[str, str]:
    return {f"TC{n}": "khong_dat" if n in failed else "dat" for n in range(1, 16)}


class OfficialSetScoringTests(CriteriaSetsTestCase):
    def score(self, code: str, answers: dict[str, Any]) -> scoring.Result:
        return scoring.score(current_set(code).definition, answers)

    # Quyết định 2194: risk, percent of the known criteria (CS1 10 + CS2 10 + CS3 5 = 25 points)

    def test_2194_small_spacious_workplace_without_contacts_is_very_low_risk(self) -> None:
        result = self.score(WORKPLACES, {"CS1": 30, "CS2": "tu_1m2", "CS3": "khong_co"})
        self.assertEqual((result.score, result.max_score, result.percent), (1, 25, Decimal("4.0")))
        self.assertEqual((result.band, result.state), ("rat_it_nguy_co", "safe"))

    def test_2194_crowded_workshop_is_medium_risk(self) -> None:
        result = self.score(WORKPLACES, {"CS1": 120, "CS2": "duoi_1m2", "CS3": "khong_co"})  # 2 + 10 + 0
        self.assertEqual((result.score, result.percent), (12, Decimal("48.0")))
        self.assertEqual((result.band, result.state), ("trung_binh", "at_risk"))

    def test_2194_large_crowded_workplace_with_a_contact_is_very_high_risk(self) -> None:
        result = self.score(WORKPLACES, {"CS1": 5000, "CS2": "duoi_1m2", "CS3": "tiep_xuc_vong_2"})  # 10+10+5
        self.assertEqual((result.score, result.percent), (25, Decimal("100.0")))
        self.assertEqual((result.band, result.state), ("rat_cao", "unsafe"))

    def test_2194_workforce_bands(self) -> None:
        cases = [(0, 1), (49, 1), (50, 2), (199, 2), (200, 4), (499, 4), (500, 6), (999, 6), (1000, 8), (4999, 8)]
        cases += [(5000, 10), (80000, 10)]
        for workers, points in cases:
            with self.subTest(workers=workers):
                result = self.score(WORKPLACES, {"CS1": workers, "CS2": "tu_1m2", "CS3": "khong_co"})
                self.assertEqual(result.item_points["CS1"], points)

    # Quyết định 1203: risk, ten components of up to 10 points, index = sum %

    def test_1203_low_index(self) -> None:
        result = self.score(HCM, hcm_answers(300, [3] * 9))  # 2 + 27
        self.assertEqual((result.score, result.max_score, result.percent), (29, 100, Decimal("29.0")))
        self.assertEqual((result.band, result.state), ("thap", "safe"))

    def test_1203_medium_without_a_component_of_seven_may_operate(self) -> None:
        result = self.score(HCM, hcm_answers(300, [6, 6, 6, 6, 5, 1, 1, 1, 1]))  # 2 + 33
        self.assertEqual(result.percent, Decimal("35.0"))
        self.assertEqual((result.band, result.state, result.vetoes), ("trung_binh", "at_risk", []))

    def test_1203_very_low_and_very_high(self) -> None:
        self.assertEqual(self.score(HCM, hcm_answers(50, [1] * 9)).band, "rat_thap")  # 10 %
        result = self.score(HCM, hcm_answers(6000, [9] * 9))  # 10 + 81
        self.assertEqual((result.percent, result.band, result.state), (Decimal("91.0"), "rat_cao", "unsafe"))

    # Công văn 1467: pass/fail, counted

    def test_1467_all_passed_is_good(self) -> None:
        result = self.score(SCHOOLS, school_answers(set()))
        self.assertEqual((result.passed, result.band, result.state), (15, "tot", "safe"))

    def test_1467_counts_passed_criteria(self) -> None:
        cases = [({1, 2, 3, 6}, 11, "tot"), ({1, 2, 3, 6, 7}, 10, "kha"), ({1, 2, 3, 6, 7, 8, 9}, 8, "kha")]
        cases += [({1, 2, 3, 6, 7, 8, 9, 12}, 7, "chua_tot"), (set(range(1, 16)), 0, "chua_tot")]
        for failed, passed, band in cases:
            with self.subTest(failed=sorted(failed)):
                result = self.score(SCHOOLS, school_answers(failed))
                self.assertEqual((result.passed, result.band), (passed, band))

    # Quyết định 4999: safety, eight criteria, 30 points

    def test_4999_clinic(self) -> None:
        full = {f"TC{n}": m for n, m in enumerate([3, 4, 6, 3, 4, 5, 3, 2], start=1)}
        result = self.score(CLINICS, full)
        self.assertEqual((result.score, result.max_score, result.percent, result.band), (30, 30, 100, "an_toan"))
        result = self.score(CLINICS, full | {"TC3": 0})  # 24/30
        self.assertEqual((result.percent, result.band, result.state), (Decimal("80.0"), "an_toan", "safe"))
        result = self.score(CLINICS, full | {"TC3": 0, "TC8": 1})  # 23/30
        self.assertEqual((result.percent, result.band, result.state), (Decimal("76.7"), "co_nguy_co", "at_risk"))
        result = self.score(CLINICS, full | {"TC3": 0, "TC6": 0, "TC2": 0, "TC8": 1})  # 14/30
        self.assertEqual((result.percent, result.band, result.state), (Decimal("46.7"), "khong_an_toan", "unsafe"))

    # Quyết định 5619: the four known criteria, pass/fail, percent

    def test_5619_service_area(self) -> None:
        all_passed = {"ke_hoach": "dat", "dau_moi": "dat", "cam_ket": "dat", "loi_vao": "dat"}
        self.assertEqual(self.score(SERVICES, all_passed).state, "safe")
        result = self.score(SERVICES, all_passed | {"cam_ket": "khong_dat"})
        self.assertEqual((result.percent, result.state), (Decimal("75.0"), "at_risk"))
        result = self.score(SERVICES, all_passed | {"cam_ket": "fail", "dau_moi": "fail", "ke_hoach": "fail"})
        self.assertEqual((result.percent, result.state), (Decimal("25.0"), "unsafe"))

    # Quyết định 3088: no criteria shipped; N/A leaves the maximum, any zero is unsafe

    def hospital_set(self) -> dict[str, Any]:
        shipped = current_set(HOSPITALS)
        items = [
            score_item("1.1", 50),
            score_item("1.2", 50),
            score_item("1.3", 42),
            score_item("1.4", 8, na_allowed=True),
        ]
        return revise_criteria_set(shipped, by=self.admin, definition=with_items(shipped.definition, items)).definition

    def test_3088_shipped_without_criteria_refuses_to_score(self) -> None:
        with self.assertRaises(scoring.AnswersInvalid) as raised:
            self.score(HOSPITALS, {})
        self.assertEqual(list(raised.exception.errors), [""])

    def test_3088_the_98_of_142_hospital(self) -> None:
        result = scoring.score(self.hospital_set(), {"1.1": 40, "1.2": 30, "1.3": 28, "1.4": "na"})
        self.assertEqual((result.score, result.max_score), (98, 142))
        self.assertEqual(result.percent, Decimal("69.0"))
        self.assertEqual((result.band, result.state), ("an_toan_thap", "at_risk"))

    def test_3088_above_75_percent_is_safe(self) -> None:
        result = scoring.score(self.hospital_set(), {"1.1": 45, "1.2": 40, "1.3": 25, "1.4": "na"})  # 110/142
        self.assertEqual((result.percent, result.band, result.state), (Decimal("77.5"), "an_toan", "safe"))

    def test_3088_a_criterion_at_zero_makes_a_high_score_unsafe(self) -> None:
        result = scoring.score(self.hospital_set(), {"1.1": 50, "1.2": 50, "1.3": 42, "1.4": 0})  # 142/150
        self.assertEqual(result.percent, Decimal("94.7"))
        self.assertEqual((result.band, result.state), ("khong_an_toan", "unsafe"))
        self.assertEqual([(v.rule, v.items) for v in result.vetoes], [("any_item_zero", ["1.4"])])

    # Huế restaurants: bands on points

    def test_hue_point_bands(self) -> None:
        shipped = current_set(HUE)
        items = [score_item(f"NH{n}", 10) for n in range(1, 11)]
        definition = revise_criteria_set(shipped, by=self.admin, definition=with_items(shipped.definition, items))
        cases = [(100, "an_toan", "safe"), (80, "an_toan", "safe"), (79, "khac_phuc_ngay", "at_risk")]
        cases += [(65, "khac_phuc_ngay", "at_risk"), (64, "khac_phuc_7_ngay", "at_risk")]
        cases += [(50, "khac_phuc_7_ngay", "at_risk"), (49, "tam_dung", "unsafe"), (0, "tam_dung", "unsafe")]
        for total, band, state in cases:
            with self.subTest(total=total):
                answers = {f"NH{n}": min(10, max(0, total - 10 * (n - 1))) for n in range(1, 11)}
                result = scoring.score(definition.definition, answers)
                self.assertEqual((result.score, result.band, result.state), (total, band, state))
