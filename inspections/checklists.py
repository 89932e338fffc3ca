"""What an inspection is scored against: a unit checklist (data, editable by the administrator)
for units; the criteria set of its type for a place, re-scored by the inspector with the safety
system's own engine."""

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.shipped import load_by_code
from safety.assessing import answers_from_form, check, usable_set_for
from territory.models import AdminUnit

from .models import Checklist, checklist_problems

DATA = Path(__file__).parent / "data" / "unit_checklists.json"
PASS, FAIL, NA = "pass", "fail", "na"
ANSWERS = (PASS, FAIL, NA)


def load_unit_checklists(*, refresh: bool = False) -> tuple[int, int]:
    """Create the checklists of the data file that are missing; with `refresh`, overwrite those
    present too (edits by the administrator are kept otherwise). Returns (created, refreshed)."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["checklists"]
    rows = [(entry["code"], _checklist_values(entry, position)) for position, entry in enumerate(entries)]
    return load_by_code(Checklist, rows, refresh=refresh)


def _checklist_values(entry: dict[str, Any], position: int) -> dict[str, Any]:
    problems = checklist_problems(entry["items"])
    if problems:
        raise ValueError(f"{entry['code']}: {'; '.join(problems)}")
    return {
        "title": entry["title"],
        "basis": entry.get("basis", ""),
        "levels": entry.get("levels", []),
        "items": entry["items"],
        "status": entry.get("status", "partial"),
        "status_note": entry.get("status_note", ""),
        "position": position,
    }


def default_checklist(unit: AdminUnit) -> Checklist | None:
    """The checklist in use for units of this level (the first by position)."""
    for checklist in Checklist.objects.filter(is_active=True):
        if unit.level in (checklist.levels or []):
            return checklist
    return None


@dataclass
class ChecklistResult:
    passed: int
    applicable: int
    failed: list[str] = field(default_factory=list)
    key_failed: list[str] = field(default_factory=list)

    @property
    def percent(self) -> Decimal:
        if not self.applicable:
            return Decimal(0)
        return (Decimal(self.passed) * 100 / self.applicable).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def label(self) -> str:
        if self.key_failed:
            return _("%(passed)d of %(total)d met; key items not met") % {
                "passed": self.passed,
                "total": self.applicable,
            }
        return _("%(passed)d of %(total)d met") % {"passed": self.passed, "total": self.applicable}


def score_checklist(checklist: Checklist, answers: dict[str, Any]) -> ChecklistResult:
    """Count the items met; ValidationError with one message per missing, unknown or bad answer
    (field "answers.CODE")."""
    errors: dict[str, str] = {}
    items = checklist.items
    known = {item["code"] for item in items}
    for code in answers:
        if code not in known:
            errors[f"answers.{code}"] = _("no such item in this checklist")
    result = ChecklistResult(passed=0, applicable=0)
    for item in items:
        code = item["code"]
        value = answers.get(code)
        value = value.strip().lower() if isinstance(value, str) else value
        if value in (None, ""):
            errors[f"answers.{code}"] = _("not answered")
        elif value not in ANSWERS:
            errors[f"answers.{code}"] = _("answer pass, fail or na")
        elif value == NA:
            if not item.get("na_allowed"):
                errors[f"answers.{code}"] = _("this item cannot be answered “not applicable”")
        else:
            result.applicable += 1
            if value == PASS:
                result.passed += 1
            else:
                result.failed.append(code)
                if item.get("key"):
                    result.key_failed.append(code)
    if errors:
        raise ValidationError(errors)
    return result


def checklist_answers_from_form(checklist: Checklist, data: Any) -> dict[str, str]:
    """Answers as posted by the record form (fields "item-CODE"); blanks stay unanswered."""
    answers: dict[str, str] = {}
    for item in checklist.items:
        value = str(data.get(f"item-{item['code']}", "")).strip()
        if value:
            answers[item["code"]] = value
    return answers


def item_texts(items: list[dict[str, Any]]) -> dict[str, str]:
    return {item["code"]: item.get("text", item["code"]) for item in items}


def criteria_set_for(place: Any) -> Any:
    """The current criteria set of the place's type, as the safety system assesses it with;
    ValidationError saying why when the place cannot be scored yet."""
    return usable_set_for(place)


def score_place(criteria_set: Any, answers: dict[str, Any]) -> Any:
    """The safety engine's result for the inspector's answers; ValidationError per bad item."""
    return check(criteria_set, answers)


def place_answers_from_form(definition: dict[str, Any], data: Any) -> dict[str, Any]:
    return answers_from_form(definition, data)
