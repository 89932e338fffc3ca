"""Both sides of every band boundary of every shipped set give the official result.

The percent sets are read through one criterion of 1000 points, so that every tenth of a percent
can be reached; rules are left out here (test_scoring_rules.py has them)."""

from decimal import Decimal
from typing import Any

from safety import scoring
from safety.criteria import current_set
from testing import CriteriaSetsTestCase

PERCENT_CASES = {
    # ≤ 15 % rất ít; 16–30 thấp; 31–50 trung bình; 51–80 cao; 81–100 rất cao
    "qd-2194-co-so-san-xuat-kinh-doanh": [
        ("0", "rat_it_nguy_co"),
        ("15", "rat_it_nguy_co"),
        ("15.1", "thap"),
        ("16", "thap"),
        ("30", "thap"),
        ("30.1", "trung_binh"),
        ("31", "trung_binh"),
        ("50", "trung_binh"),
        ("50.1", "cao"),
        ("51", "cao"),
        ("80", "cao"),
        ("80.1", "rat_cao"),
        ("81", "rat_cao"),
        ("100", "rat_cao"),
    ],
    # ≤ 10 % very low; < 30 low; 30–< 50 medium; 50–< 80 high; ≥ 80 very high
    "qd-1203-hcm-co-so-san-xuat": [
        ("10", "rat_thap"),
        ("10.1", "thap"),
        ("29.9", "thap"),
        ("30", "trung_binh"),
        ("49.9", "trung_binh"),
        ("50", "cao"),
        ("79.9", "cao"),
        ("80", "rat_cao"),
    ],
    # safe > 75 %; low safety 50–75 %; unsafe < 50 %
    "qd-3088-benh-vien": [
        ("49.9", "khong_an_toan"),
        ("50", "an_toan_thap"),
        ("75", "an_toan_thap"),
        ("75.1", "an_toan"),
    ],
    # unverified thresholds, as shipped: safe ≥ 80 %, at risk 50–< 80 %, unsafe < 50 %
    "qd-4999-co-so-kham-chua-benh": [
        ("49.9", "khong_an_toan"),
        ("50", "co_nguy_co"),
        ("79.9", "co_nguy_co"),
        ("80", "an_toan"),
    ],
    "qd-5619-khu-vuc-dich-vu": [
        ("49.9", "khong_an_toan"),
        ("50", "co_nguy_co"),
        ("79.9", "co_nguy_co"),
        ("80", "an_toan"),
    ],
}
STATES = {
    "rat_it_nguy_co": "safe",
    "thap": "safe",
    "trung_binh": "at_risk",
    "cao": "unsafe",
    "rat_cao": "unsafe",
    "rat_thap": "safe",
    "khong_an_toan": "unsafe",
    "an_toan_thap": "at_risk",
    "an_toan": "safe",
    "co_nguy_co": "at_risk",
}


def one_criterion(definition: dict[str, Any], max_points: int) -> dict[str, Any]:
    item = {"code": "X", "text": "Điểm", "kind": "score", "max_points": max_points}
    return {**definition, "sections": [{"code": "S", "title": "Thử", "items": [item]}], "rules": []}


class BandBoundaryTests(CriteriaSetsTestCase):
    def test_percent_boundaries(self) -> None:
        for code, cases in PERCENT_CASES.items():
            definition = one_criterion(current_set(code).definition, 1000)
            for percent, band in cases:
                with self.subTest(code=code, percent=percent):
                    result = scoring.score(definition, {"X": int(Decimal(percent) * 10)})
                    self.assertEqual(result.percent, Decimal(percent))
                    self.assertEqual((result.band, result.state), (band, STATES[band]))

    def test_passed_boundaries_of_1467(self) -> None:
        definition = current_set("cv-1467-truong-hoc").definition
        non_key = [1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15]
        cases = [(7, "chua_tot", "unsafe"), (8, "kha", "safe"), (10, "kha", "safe"), (11, "tot", "safe")]
        for passed, band, state in cases:
            with self.subTest(passed=passed):
                failed = set(non_key[: 15 - passed])
                answers = {f"TC{n}": "dat" if n not in failed else "khong_dat" for n in range(1, 16)}
                result = scoring.score(definition, answers)
                self.assertEqual((result.passed, result.band, result.state), (passed, band, state))

    def test_point_boundaries_of_hue(self) -> None:
        definition = one_criterion(current_set("hue-2020-nha-hang").definition, 100)
        cases = [(49, "tam_dung", "unsafe"), (50, "khac_phuc_7_ngay", "at_risk"), (64, "khac_phuc_7_ngay", "at_risk")]
        cases += [(65, "khac_phuc_ngay", "at_risk"), (79, "khac_phuc_ngay", "at_risk"), (80, "an_toan", "safe")]
        for points, band, state in cases:
            with self.subTest(points=points):
                result = scoring.score(definition, {"X": points})
                self.assertEqual((result.score, result.band, result.state), (points, band, state))
