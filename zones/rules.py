"""The rules of a risk-level framework, as data, and their evaluation.

A commune's level comes from its figures over the framework's window (cases, cases whose
source is not traced, cases linked to an industrial zone, school or large supermarket, and
rates per 100,000 people):

    "commune_rules": [
        {"level": "rat-cao", "any": [{"metric": "untraced_cases", "at_least": 2},
                                     {"metric": "linked_cases", "at_least": 1}]},
        {"level": "nguy-co", "any": [{"metric": "traced_per_100k", "above": 1}]}
    ]

The first rule (highest level first) with a condition met gives the level; none gives the
lowest level. A district or province is rolled up either from the levels of its children

    "rollup": {"mode": "children", "rules": [
        {"level": "rat-cao", "any": [{"children_at_least": "rat-cao", "share": 0.3},
                                     {"children_at_least": "cao", "count": 1}]}]}

("share" of the children at that level or above, or at least "count" of them), or from its
own figures (the sum over its communes) with the commune rules: {"mode": "own_figures"}.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

METRICS = (
    "cases",
    "untraced_cases",
    "traced_cases",
    "linked_cases",
    "cases_per_100k",
    "traced_per_100k",
    "weekly_cases_per_100k",
)
ROLLUP_MODES = ("children", "own_figures")
MAX_WINDOW_DAYS = 60
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Figures:
    """A unit's case figures over a framework's window."""

    cases: int = 0
    untraced_cases: int = 0
    linked_cases: int = 0
    population: int | None = None
    window_days: int = 14

    def metric(self, name: str) -> float | None:
        """The value of a metric; None when it needs a population that is not known."""
        if name == "traced_cases":
            return self.cases - self.untraced_cases
        if name in ("cases", "untraced_cases", "linked_cases"):
            return getattr(self, name)  # type: ignore[no-any-return]
        if not self.population:
            return None
        if name == "cases_per_100k":
            return self.cases * 100_000 / self.population
        if name == "traced_per_100k":
            return (self.cases - self.untraced_cases) * 100_000 / self.population
        if name == "weekly_cases_per_100k":
            return self.cases * 100_000 / self.population * 7 / self.window_days
        raise KeyError(name)

    def __add__(self, other: "Figures") -> "Figures":
        population = None
        if self.population is not None or other.population is not None:
            population = (self.population or 0) + (other.population or 0)
        return Figures(
            self.cases + other.cases,
            self.untraced_cases + other.untraced_cases,
            self.linked_cases + other.linked_cases,
            population,
            self.window_days,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "untraced_cases": self.untraced_cases,
            "linked_cases": self.linked_cases,
            "population": self.population,
            "window_days": self.window_days,
        }


def _met(condition: dict[str, Any], value: float | None) -> bool:
    if value is None:
        return False
    if "at_least" in condition:
        return value >= condition["at_least"]
    return value > condition["above"]


def commune_level(rules: list[dict[str, Any]], figures: Figures, ranks: dict[str, int]) -> str:
    """The code of the level the figures give; the lowest level when no rule applies."""
    for rule in sorted(rules, key=lambda r: ranks.get(r["level"], -1), reverse=True):
        if any(_met(c, figures.metric(c["metric"])) for c in rule.get("any", [])):
            return str(rule["level"])
    return min(ranks, key=ranks.__getitem__)


def children_level(rules: list[dict[str, Any]], child_ranks: list[int], ranks: dict[str, int]) -> str:
    """The level a unit takes from the levels (ranks) of its children."""
    total = len(child_ranks)
    if total:
        for rule in sorted(rules, key=lambda r: ranks.get(r["level"], -1), reverse=True):
            for condition in rule.get("any", []):
                at_least = ranks[condition["children_at_least"]]
                count = sum(1 for rank in child_ranks if rank >= at_least)
                if "share" in condition and count / total >= condition["share"]:
                    return str(rule["level"])
                if "count" in condition and count >= condition["count"]:
                    return str(rule["level"])
    return min(ranks, key=ranks.__getitem__)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _rules_problems(rules: Any, codes: set[str], where: str, check: Any) -> list[str]:
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        return [_("%(where)s must be a list of objects") % {"where": where}]
    problems: list[str] = []
    for rule in rules:
        if rule.get("level") not in codes:
            problems.append(_("%(where)s: unknown level %(level)s") % {"where": where, "level": rule.get("level")})
        conditions = rule.get("any")
        if not isinstance(conditions, list) or not conditions or not all(isinstance(c, dict) for c in conditions):
            problems.append(_("%(where)s: every rule needs a list of conditions under 'any'") % {"where": where})
            continue
        for condition in conditions:
            problem = check(condition)
            if problem:
                problems.append(f"{where}: {problem}")
    return problems


def _metric_problem(condition: dict[str, Any]) -> str:
    if condition.get("metric") not in METRICS:
        return _("unknown metric %(metric)s") % {"metric": condition.get("metric")}
    bounds = [key for key in ("at_least", "above") if key in condition]
    if len(bounds) != 1 or not _number(condition[bounds[0]]):
        return _("a condition needs one number from 0, either at_least or above")
    return ""


def _children_problem(codes: set[str]) -> Any:
    def check(condition: dict[str, Any]) -> str:
        if condition.get("children_at_least") not in codes:
            return _("children_at_least must name a level")
        has_share, has_count = "share" in condition, "count" in condition
        if has_share == has_count:
            return _("a condition needs either a share or a count")
        if has_share and not (_number(condition["share"]) and 0 < condition["share"] <= 1):
            return _("a share is a number above 0 and at most 1")
        if has_count and not (isinstance(condition["count"], int) and condition["count"] >= 1):
            return _("a count is a whole number from 1")
        return ""

    return check


def framework_problems(window_days: Any, commune_rules: Any, rollup: Any, level_codes: list[str]) -> list[str]:
    """Everything that keeps a framework's rules from being evaluated."""
    codes = set(level_codes)
    problems: list[str] = []
    if not isinstance(window_days, int) or not 1 <= window_days <= MAX_WINDOW_DAYS:
        problems.append(_("The window is a whole number of days from 1 to %(max)s.") % {"max": MAX_WINDOW_DAYS})
    problems.extend(_rules_problems(commune_rules, codes, "commune_rules", _metric_problem))
    if not isinstance(rollup, dict) or rollup.get("mode") not in ROLLUP_MODES:
        problems.append(_("rollup needs a mode: children or own_figures"))
    elif rollup["mode"] == "children":
        problems.extend(_rules_problems(rollup.get("rules"), codes, "rollup", _children_problem(codes)))
    return problems


def colour_problem(value: Any) -> str:
    return "" if isinstance(value, str) and _COLOUR.match(value) else _("A colour is written #RRGGBB.")


def text_list_problem(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return ""
    return _("A list of texts, one measure each.")
