"""Properties of the criteria engine over generated sets and answers (hypothesis)."""

import copy
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from safety import scoring
from safety.criteria import DATA_DIR, read_set_file
from testing import SafetyTestCase

BANDS = [
    {"code": "low", "label": "Thấp", "min": 0, "state": "unsafe"},
    {"code": "mid", "label": "Vừa", "min": 50, "state": "at_risk"},
    {"code": "high", "label": "Cao", "min": 75, "min_inclusive": False, "state": "safe"},
]
POINTS = st.integers(min_value=0, max_value=20)


@st.composite
def items(draw: st.DrawFn, code: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["choice", "number", "pass_fail", "score"]))
    item: dict[str, Any] = {"code": code, "text": f"Tiêu chí {code}", "kind": kind, "na_allowed": draw(st.booleans())}
    if kind == "choice":
        count = draw(st.integers(min_value=1, max_value=4))
        item["options"] = [{"code": f"o{n}", "label": f"Lựa chọn {n}", "points": draw(POINTS)} for n in range(count)]
    elif kind == "number":
        thresholds = sorted(draw(st.sets(st.integers(min_value=1, max_value=5000), max_size=4)))
        item["bands"] = [{"below": t, "points": draw(POINTS)} for t in thresholds] + [{"points": draw(POINTS)}]
    elif kind == "score":
        item["max_points"] = draw(st.integers(min_value=1, max_value=20))
    return item


@st.composite
def definitions(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=8))
    criteria = [draw(items(f"c{n}")) for n in range(count)]
    rules = draw(st.sampled_from([[], [{"kind": "any_item_zero", "band": "low"}]]))
    return {
        "direction": draw(st.sampled_from(["risk", "safety"])),
        "basis": "percent",
        "sections": [{"code": "A", "title": "Phần A", "items": criteria}],
        "bands": BANDS,
        "rules": rules,
    }


def answer_for(draw: st.DrawFn, item: dict[str, Any], allow_na: bool = True) -> Any:
    choices: list[st.SearchStrategy[Any]] = []
    kind = item["kind"]
    if kind == "choice":
        choices.append(st.sampled_from([o["code"] for o in item["options"]]))
    elif kind == "number":
        choices.append(st.integers(min_value=item.get("min", 0), max_value=item.get("max") or 100_000))
    elif kind == "pass_fail":
        choices.append(st.sampled_from(["pass", "fail", "đạt", "không đạt"]))
    else:
        choices.append(st.integers(min_value=0, max_value=item["max_points"]))
    if allow_na and item.get("na_allowed"):
        choices.append(st.just("na"))
    return draw(st.one_of(choices))


@st.composite
def scored(draw: st.DrawFn, definition: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
    definition = definition if definition is not None else draw(definitions())
    answers = {item["code"]: answer_for(draw, item) for item in scoring.items_of(definition)}
    return definition, answers


SHIPPED = [
    read_set_file(path).definition
    for path in sorted(DATA_DIR.glob("*.json"))
    if scoring.items_of(read_set_file(path).definition)
]


class ScoringPropertyTests(HypothesisTestCase, SafetyTestCase):  # a transaction per example
    @settings(deadline=None)
    @given(scored())
    def test_percent_is_within_0_and_100_and_the_score_within_the_maximum(self, case: Any) -> None:
        definition, answers = case
        result = scoring.score(definition, answers)
        self.assertTrue(0 <= result.percent <= 100)
        self.assertTrue(0 <= result.score <= result.max_score)
        self.assertIn(result.state, {"safe", "at_risk", "unsafe"})

    @settings(deadline=None)
    @given(st.data())
    def test_every_shipped_set_gives_a_percent_within_0_and_100(self, data: st.DataObject) -> None:
        definition = data.draw(st.sampled_from(SHIPPED))
        _, answers = data.draw(scored(definition))
        result = scoring.score(definition, answers)
        self.assertTrue(0 <= result.percent <= 100)
        self.assertIn(result.band, {band["code"] for band in definition["bands"]})

    @settings(deadline=None)
    @given(scored())
    def test_scoring_is_deterministic(self, case: Any) -> None:
        definition, answers = case
        first = scoring.score(definition, answers)
        again = scoring.score(copy.deepcopy(definition), dict(reversed(list(answers.items()))))
        self.assertEqual(first, again)

    @settings(deadline=None)
    @given(scored(), st.data())
    def test_raising_an_options_points_never_lowers_the_total(self, case: Any, data: st.DataObject) -> None:
        definition, answers = case
        weighted = [i for i in scoring.items_of(definition) if i["kind"] in ("choice", "number")]
        assume(weighted)
        item = data.draw(st.sampled_from(weighted))
        parts = item["options"] if item["kind"] == "choice" else item["bands"]
        index = data.draw(st.integers(min_value=0, max_value=len(parts) - 1))
        raised = copy.deepcopy(definition)
        raised_item = next(i for i in scoring.items_of(raised) if i["code"] == item["code"])
        raised_parts = raised_item["options"] if item["kind"] == "choice" else raised_item["bands"]
        raised_parts[index]["points"] += data.draw(st.integers(min_value=1, max_value=50))
        self.assertGreaterEqual(scoring.score(raised, answers).score, scoring.score(definition, answers).score)

    @settings(deadline=None)
    @given(scored(), st.data())
    def test_answering_not_applicable_never_raises_the_maximum(self, case: Any, data: st.DataObject) -> None:
        definition, answers = case
        optional = [i for i in scoring.items_of(definition) if i.get("na_allowed") and answers[i["code"]] != "na"]
        assume(optional)
        item = data.draw(st.sampled_from(optional))
        before = scoring.score(definition, answers)
        after = scoring.score(definition, answers | {item["code"]: "na"})
        self.assertLessEqual(after.max_score, before.max_score)
        self.assertEqual(after.max_score, before.max_score - scoring.item_max(item))
        self.assertIsNone(after.item_points[item["code"]])
