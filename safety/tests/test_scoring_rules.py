"""The vetoes of the official sets: 1203's "medium only if no component reaches 7", 1467's key
criteria and 3088's "any criterion at 0"."""

from typing import Any

from safety import scoring
from safety.actions.criteria import revise_criteria_set
from safety.criteria import current_set
from testing import CriteriaSetsTestCase


def hcm_answers(workforce: int, others: list[int]) -> dict[str, Any]:
    return {"TP1": workforce} | {f"TP{n}": value for n, value in zip(range(2, 11), others, strict=True)}


def school_answers(failed: set[int]) -> dict[str, str]:
    return {f"TC{n}": "fail" if n in failed else "pass" for n in range(1, 16)}


class RuleTests(CriteriaSetsTestCase):
    hcm: dict[str, Any]
    schools: dict[str, Any]
    hospitals: dict[str, Any]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.hcm = current_set("qd-1203-hcm-co-so-san-xuat").definition
        cls.schools = current_set("cv-1467-truong-hoc").definition
        hospitals = current_set("qd-3088-benh-vien")
        items = [
            {"code": "A", "text": "Ban chỉ đạo", "kind": "score", "max_points": 4},
            {"code": "B", "text": "Phân luồng", "kind": "score", "max_points": 4, "na_allowed": True},
        ]
        definition = {**hospitals.definition, "sections": [{"code": "1", "title": "Chương 1", "items": items}]}
        cls.hospitals = revise_criteria_set(hospitals, by=cls.admin, definition=definition).definition

    def test_1203_a_component_of_seven_turns_medium_into_high(self) -> None:
        result = scoring.score(self.hcm, hcm_answers(300, [7, 3, 3, 3, 3, 3, 3, 3, 3]))  # 2 + 31 = 33 %
        self.assertEqual((result.band, result.state), ("cao", "unsafe"))
        self.assertEqual([(v.rule, v.band, v.items) for v in result.vetoes], [("any_item_at_least", "cao", ["TP2"])])
        self.assertEqual(result.to_fix[0], "TP2")

    def test_1203_a_workforce_of_a_thousand_scores_seven_and_vetoes_too(self) -> None:
        result = scoring.score(self.hcm, hcm_answers(1500, [3] * 9))  # 7 + 27 = 34 %
        self.assertEqual((result.band, [v.items for v in result.vetoes]), ("cao", [["TP1"]]))

    def test_1203_six_points_everywhere_stays_medium(self) -> None:
        result = scoring.score(self.hcm, hcm_answers(999, [6, 6, 6, 6, 1, 1, 1, 1, 1]))  # 5 + 29 = 34 %
        self.assertEqual((result.band, result.vetoes), ("trung_binh", []))

    def test_1203_veto_only_concerns_the_medium_band(self) -> None:
        low = scoring.score(self.hcm, hcm_answers(1500, [2] * 9))  # 7 + 18 = 25 %: low, seven allowed
        self.assertEqual((low.band, low.state, low.vetoes), ("thap", "safe", []))
        high = scoring.score(self.hcm, hcm_answers(1500, [5] * 9))  # 7 + 45 = 52 %
        self.assertEqual((high.band, high.vetoes), ("cao", []))

    def test_1467_each_key_criterion_failed_alone_makes_the_school_unsafe(self) -> None:
        for key in (4, 5, 10, 11):
            with self.subTest(key=key):
                result = scoring.score(self.schools, school_answers({key}))  # 14 passed
                self.assertEqual(result.passed, 14)
                self.assertEqual((result.band, result.state), ("chua_tot", "unsafe"))
                self.assertEqual([(v.rule, v.items) for v in result.vetoes], [("key_items_failed", [f"TC{key}"])])

    def test_1467_failing_other_criteria_keeps_a_good_result(self) -> None:
        for other in (1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15):
            with self.subTest(other=other):
                result = scoring.score(self.schools, school_answers({other}))
                self.assertEqual((result.band, result.vetoes), ("tot", []))

    def test_1467_fair_result_with_a_key_failed_is_not_good_either(self) -> None:
        result = scoring.score(self.schools, school_answers({1, 2, 3, 6, 11}))  # 10 passed
        self.assertEqual((result.passed, result.band), (10, "chua_tot"))

    def test_3088_zero_vetoes_but_not_applicable_does_not(self) -> None:
        self.assertEqual(scoring.score(self.hospitals, {"A": 4, "B": "na"}).band, "an_toan")
        zero = scoring.score(self.hospitals, {"A": 4, "B": 0})
        self.assertEqual((zero.percent, zero.band, zero.state), (50, "khong_an_toan", "unsafe"))
        self.assertEqual(scoring.score(self.hospitals, {"A": 4, "B": 3}).band, "an_toan")  # 87.5 %
