"""The criteria engine: score a set of answers against a criteria-set definition.

A definition (one JSON file per official set in safety/data/criteria/) has:

- ``direction``: ``"risk"`` when more points mean more risk (Quyết định 2194, 1203) or
  ``"safety"`` when more points mean safer (3088, 4999, the Huế restaurants);
- ``basis``: what the bands are read on — ``"percent"`` of the applicable maximum,
  ``"points"`` or the count of ``"passed"`` pass/fail items;
- ``sections``: each with ``items``; an item has a ``code``, ``text``, a ``kind`` and may be
  ``na_allowed`` (answered "na", it leaves the maximum) or ``key`` (a mandatory key item):
  ``choice`` (``options`` with ``points``), ``number`` (``bands`` of ``below`` thresholds
  with ``points``, the last without ``below``), ``pass_fail`` (1 point when passed) or
  ``score`` (whole points from 0 to ``max_points``);
- ``bands``: ordered by ``min``; the result is the last band whose lower bound is reached
  (``min_inclusive`` false makes the bound strict); each band maps to a public ``state``;
- ``rules``: vetoes applied after the band — ``any_item_at_least`` (with ``value``, optional
  ``when_bands``), ``any_item_zero`` and ``key_items_failed`` (with ``items``), each moving the
  result to ``band``.

Scoring is deterministic and has no side effects; actions store what it returns.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

NA = "na"
PASS_VALUES = {True, "pass", "dat", "đạt", "yes", "1"}
FAIL_VALUES = {False, "fail", "khong_dat", "không đạt", "no", "0"}


class AnswersInvalid(ValueError):
    """Per-item messages for answers that cannot be scored."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class Veto:
    rule: str
    band: str
    items: list[str]
    message: str


@dataclass
class Result:
    score: Decimal
    max_score: Decimal
    percent: Decimal
    passed: int
    band: str
    band_label: str
    state: str
    item_points: dict[str, int | None]
    vetoes: list[Veto] = field(default_factory=list)
    to_fix: list[str] = field(default_factory=list)


def items_of(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition.get("sections", []) for item in section.get("items", [])]


def item_max(item: dict[str, Any]) -> int:
    kind = item["kind"]
    if kind == "choice":
        return max(int(option["points"]) for option in item["options"])
    if kind == "number":
        return max(int(band["points"]) for band in item["bands"])
    if kind == "pass_fail":
        return 1
    return int(item["max_points"])


def item_points(item: dict[str, Any], value: Any) -> int | None:
    """Points for one answer; None when answered "not applicable"; AnswersInvalid's message otherwise."""
    if value == NA:
        if not item.get("na_allowed"):
            raise ValueError(_("this criterion cannot be answered “not applicable”"))
        return None
    kind = item["kind"]
    if kind == "choice":
        for option in item["options"]:
            if str(option["code"]) == str(value):
                return int(option["points"])
        codes = ", ".join(str(option["code"]) for option in item["options"])
        raise ValueError(_("choose one of: %(codes)s") % {"codes": codes})
    if kind == "number":
        number = _number(value)
        low, high = item.get("min", 0), item.get("max")
        if number < low or (high is not None and number > high):
            raise ValueError(
                _("must be between %(low)s and %(high)s") % {"low": low, "high": high if high is not None else "∞"}
            )
        for band in item["bands"]:
            if "below" not in band or number < band["below"]:
                return int(band["points"])
        raise ValueError(_("no band covers %(value)s") % {"value": number})
    if kind == "pass_fail":
        if not isinstance(value, str | int | bool):
            raise ValueError(_("answer pass or fail"))
        key = value.strip().lower() if isinstance(value, str) else value
        if key in PASS_VALUES:
            return 1
        if key in FAIL_VALUES:
            return 0
        raise ValueError(_("answer pass or fail"))
    if kind == "score":
        number = _number(value)
        if number != int(number) or not 0 <= number <= int(item["max_points"]):
            raise ValueError(_("must be a whole number from 0 to %(max)s") % {"max": item["max_points"]})
        return int(number)
    raise ValueError(_("unknown kind of criterion %(kind)s") % {"kind": kind})


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(_("must be a number"))
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        raise ValueError(_("must be a number")) from None
    if not math.isfinite(number):
        raise ValueError(_("must be a number"))
    return number


def check_answers(definition: dict[str, Any], answers: dict[str, Any]) -> dict[str, int | None]:
    """Points per item, or AnswersInvalid listing every missing, unknown or out-of-range answer."""
    items = items_of(definition)
    if not items:
        raise AnswersInvalid({"": _("This criteria set has no criteria yet: import the full official set first.")})
    errors: dict[str, str] = {}
    known = {item["code"] for item in items}
    for code in answers:
        if code not in known:
            errors[str(code)] = _("no such criterion in this set")
    points: dict[str, int | None] = {}
    for item in items:
        code = item["code"]
        if code not in answers or answers[code] in ("", None):
            errors[code] = _("not answered")
            continue
        try:
            points[code] = item_points(item, answers[code])
        except ValueError as exc:
            errors[code] = str(exc)
    if errors:
        raise AnswersInvalid(errors)
    return points


def _band_for(bands: list[dict[str, Any]], value: Decimal) -> dict[str, Any]:
    chosen = bands[0]
    for band in bands:
        bound = Decimal(str(band["min"]))
        if value > bound or (value == bound and band.get("min_inclusive", True)):
            chosen = band
    return chosen


def score(definition: dict[str, Any], answers: dict[str, Any]) -> Result:
    points = check_answers(definition, answers)
    items = items_of(definition)
    applicable = [item for item in items if points[item["code"]] is not None]
    total = Decimal(sum(points[item["code"]] or 0 for item in applicable))
    maximum = Decimal(sum(item_max(item) for item in applicable))
    percent = (total / maximum * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if maximum else Decimal(0)
    passed = sum(1 for item in applicable if item["kind"] == "pass_fail" and points[item["code"]] == 1)
    basis = definition.get("basis", "percent")
    value = {"percent": percent, "points": total, "passed": Decimal(passed)}[basis]
    bands = definition["bands"]
    band = _band_for(bands, value)
    by_code = {b["code"]: b for b in bands}
    vetoes: list[Veto] = []
    for rule in definition.get("rules", []):
        triggered = _triggered(rule, applicable, points)
        if triggered and (not rule.get("when_bands") or band["code"] in rule["when_bands"]):
            band = by_code[rule["band"]]
            vetoes.append(Veto(rule["kind"], band["code"], triggered, rule.get("message", "")))
    return Result(
        score=total,
        max_score=maximum,
        percent=percent,
        passed=passed,
        band=band["code"],
        band_label=band["label"],
        state=band["state"],
        item_points=points,
        vetoes=vetoes,
        to_fix=_to_fix(definition, applicable, points, vetoes),
    )


def _triggered(rule: dict[str, Any], applicable: list[dict[str, Any]], points: dict[str, int | None]) -> list[str]:
    kind = rule["kind"]
    if kind == "any_item_at_least":
        return [i["code"] for i in applicable if (points[i["code"]] or 0) >= rule["value"]]
    if kind == "any_item_zero":
        return [i["code"] for i in applicable if points[i["code"]] == 0]
    if kind == "key_items_failed":
        return [i["code"] for i in applicable if i["code"] in rule["items"] and points[i["code"]] == 0]
    raise ValueError(f"unknown rule kind {kind}")


def _to_fix(
    definition: dict[str, Any], applicable: list[dict[str, Any]], points: dict[str, int | None], vetoes: list[Veto]
) -> list[str]:
    """The criteria to work on first: those that triggered a veto, then those costing most points."""
    risk = definition.get("direction", "safety") == "risk"

    def cost(item: dict[str, Any]) -> int:
        got = points[item["code"]] or 0
        return got if risk else item_max(item) - got

    first = [code for veto in vetoes for code in veto.items]
    rest = [i["code"] for i in sorted(applicable, key=cost, reverse=True) if cost(i) > 0]
    ordered = list(dict.fromkeys(first + rest))
    return ordered[:5]


def validate_definition(definition: dict[str, Any]) -> list[str]:
    """Problems that make a definition unusable; an empty list when it is sound."""
    problems: list[str] = []
    bands = definition.get("bands") or []
    if not bands:
        problems.append("no result bands")
    codes = [b.get("code") for b in bands]
    if any(b.get("state") not in {"safe", "at_risk", "unsafe"} for b in bands):
        problems.append("every band needs a state: safe, at_risk or unsafe")
    if [b.get("min") for b in bands] != sorted(b.get("min", 0) for b in bands):
        problems.append("bands must be ordered by min")
    if definition.get("basis", "percent") not in {"percent", "points", "passed"}:
        problems.append("basis must be percent, points or passed")
    item_codes = [i.get("code") for i in items_of(definition)]
    if len(item_codes) != len(set(item_codes)):
        problems.append("criterion codes must be unique")
    for item in items_of(definition):
        if item.get("kind") not in {"choice", "number", "pass_fail", "score"}:
            problems.append(f"{item.get('code')}: unknown kind {item.get('kind')}")
        elif item["kind"] == "choice" and not item.get("options"):
            problems.append(f"{item['code']}: a choice needs options")
        elif item["kind"] == "number" and (not item.get("bands") or "below" in item["bands"][-1]):
            problems.append(f"{item['code']}: the last number band must have no 'below'")
        elif item["kind"] == "score" and not isinstance(item.get("max_points"), int):
            problems.append(f"{item['code']}: a score needs max_points")
    for rule in definition.get("rules", []):
        if rule.get("band") not in codes:
            problems.append(f"rule {rule.get('kind')}: unknown band {rule.get('band')}")
        if rule.get("kind") not in {"any_item_at_least", "any_item_zero", "key_items_failed"}:
            problems.append(f"unknown rule {rule.get('kind')}")
        for code in rule.get("items", []):
            if item_codes and code not in item_codes:
                problems.append(f"rule {rule.get('kind')}: unknown criterion {code}")
    return problems


def answer_text(item: dict[str, Any], value: Any) -> str:
    """An answer in words for a person: the option's label, "Đạt"/"Không đạt", a grouped number
    with the item's unit, "Không áp dụng" — never the stored code."""
    if value is None or value == "":
        return "—"
    if value == NA:
        return str(_("Not applicable"))
    kind = item.get("kind", "pass_fail")
    if kind == "choice":
        for option in item.get("options", []):
            if str(option["code"]) == str(value):
                return str(option.get("label") or option["code"])
        return str(value)
    if kind in ("number", "score"):
        try:
            number = Decimal(str(value).replace(",", "."))
        except ArithmeticError:
            return str(value)
        whole = f"{int(number):,}".replace(",", ".")
        fraction = f"{number:f}".partition(".")[2].rstrip("0")
        text = f"{whole},{fraction}" if fraction else whole
        if kind == "score":
            return _("%(points)s of %(max)s") % {"points": text, "max": item.get("max_points", "")}
        unit = item.get("unit", "")
        return f"{text} {unit}".strip()
    key = value.strip().lower() if isinstance(value, str) else value
    if key in PASS_VALUES:
        return str(_("Passed"))
    if key in FAIL_VALUES:
        return str(_("Failed"))
    return str(value)
