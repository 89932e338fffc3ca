"""Answers that cannot be scored are refused item by item, whatever the set."""

from typing import Any

from safety import scoring
from safety.criteria import current_set
from testing import CriteriaSetsTestCase

GOOD_2194 = {"CS1": 120, "CS2": "tu_1m2", "CS3": "khong_co"}


class BadAnswerTests(CriteriaSetsTestCase):
    def errors(self, code: str, answers: dict[str, Any]) -> dict[str, str]:
        with self.assertRaises(scoring.AnswersInvalid) as raised:
            scoring.score(current_set(code).definition, answers)
        return raised.exception.errors

    def test_good_answers_score(self) -> None:
        self.assertEqual(scoring.score(current_set("qd-2194-co-so-san-xuat-kinh-doanh").definition, GOOD_2194).score, 2)

    def test_unknown_and_missing_criteria(self) -> None:
        errors = self.errors("qd-2194-co-so-san-xuat-kinh-doanh", {"CS1": 120, "CS2": "tu_1m2", "CS99": 3})
        self.assertEqual(set(errors), {"CS99", "CS3"})

    def test_blank_answer_is_missing(self) -> None:
        errors = self.errors("qd-2194-co-so-san-xuat-kinh-doanh", GOOD_2194 | {"CS1": "", "CS2": None})
        self.assertEqual(set(errors), {"CS1", "CS2"})

    def test_out_of_range_and_not_a_number(self) -> None:
        errors = self.errors("qd-2194-co-so-san-xuat-kinh-doanh", {"CS1": -5, "CS2": "rong", "CS3": "khong_co"})
        self.assertEqual(set(errors), {"CS1", "CS2"})
        errors = self.errors("qd-2194-co-so-san-xuat-kinh-doanh", GOOD_2194 | {"CS1": "nhiều"})
        self.assertEqual(set(errors), {"CS1"})
        answers = {"TP1": 100} | {f"TP{n}": 3 for n in range(2, 11)}
        errors = self.errors("qd-1203-hcm-co-so-san-xuat", answers | {"TP2": 11, "TP3": -1, "TP4": 2.5})
        self.assertEqual(set(errors), {"TP2", "TP3", "TP4"})
        errors = self.errors("qd-4999-co-so-kham-chua-benh", {f"TC{n}": 2 for n in range(1, 9)} | {"TC8": 3})
        self.assertEqual(set(errors), {"TC8"})  # criterion 8 gives at most 2 points

    def test_not_applicable_where_the_set_does_not_allow_it(self) -> None:
        errors = self.errors("qd-2194-co-so-san-xuat-kinh-doanh", GOOD_2194 | {"CS3": "na"})
        self.assertEqual(set(errors), {"CS3"})
        errors = self.errors("cv-1467-truong-hoc", {f"TC{n}": "dat" for n in range(1, 16)} | {"TC4": "na"})
        self.assertEqual(set(errors), {"TC4"})

    def test_neither_pass_nor_fail(self) -> None:
        errors = self.errors("cv-1467-truong-hoc", {f"TC{n}": "dat" for n in range(1, 16)} | {"TC2": "có lẽ"})
        self.assertEqual(set(errors), {"TC2"})

    def test_every_bad_answer_is_listed_at_once(self) -> None:
        errors = self.errors("qd-1203-hcm-co-so-san-xuat", {"TP1": -1, "TP2": 99, "TP42": 1})
        self.assertEqual(set(errors), {"TP1", "TP2", "TP42"} | {f"TP{n}" for n in range(3, 11)})

    def test_a_set_without_criteria_refuses_every_answer(self) -> None:
        for code in ("qd-3088-benh-vien", "hue-2020-nha-hang"):
            with self.subTest(code=code):
                self.assertFalse(current_set(code).is_usable)
                self.assertEqual(set(self.errors(code, {"1": 3})), {""})
