"""Case counts and populations."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import jurisdiction
from accounts.models import User
from lib.tabular import CheckedFile
from territory.actions import set_population
from territory.models import AdminUnit, Level

from ..cases import case_problems, population_problem, populations
from ..models import CaseCount
from . import require_unit_change


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _commune_of(unit: AdminUnit) -> AdminUnit:
    if unit.level == Level.COMMUNE:
        return unit
    assert unit.parent is not None
    return unit.parent


def _province_of(unit: AdminUnit) -> AdminUnit:
    code = unit.path.strip("/").split("/")[1]
    return AdminUnit.objects.get(scheme=unit.scheme, code=code)


def _save(unit: AdminUnit, day: date, cases: int, untraced: int, linked: int, by: User | None) -> str:
    row = CaseCount.objects.select_for_update().filter(unit=unit, date=day).first()
    if row is not None and (row.cases, row.untraced_cases, row.linked_cases) == (cases, untraced, linked):
        return "unchanged"
    created = row is None
    if row is None:
        commune = _commune_of(unit)
        row = CaseCount(unit=unit, commune=commune, province=_province_of(commune), date=day)
    row.cases, row.untraced_cases, row.linked_cases = cases, untraced, linked
    row.recorded_by = by
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Another officer recorded the same unit and day a moment ago: this count corrects it.
        row = CaseCount.objects.select_for_update().get(unit=unit, date=day)
        row.cases, row.untraced_cases, row.linked_cases, row.recorded_by = cases, untraced, linked, by
        row.save()
        return "updated"
    return "created" if created else "updated"


@transaction.atomic
def record_case_count(
    unit: AdminUnit,
    day: Any,
    cases: Any,
    untraced_cases: Any = 0,
    linked_cases: Any = 0,
    *,
    by: User,
) -> tuple[CaseCount, bool]:
    """Record (or correct) the confirmed cases of a commune or village on a day."""
    require_unit_change(by, unit)
    errors = case_problems(unit, day, cases, untraced_cases, linked_cases, populations([unit])[unit.pk])
    if errors:
        raise ValidationError(errors)
    outcome = _save(unit, day, cases, untraced_cases, linked_cases, by)
    return CaseCount.objects.get(unit=unit, date=day), outcome == "created"


@transaction.atomic
def import_case_counts(checked: CheckedFile, *, by: User, skip_bad_rows: bool = False) -> ImportOutcome:
    """Record the checked rows; a file with bad rows imports nothing unless asked to."""
    outcome = ImportOutcome()
    for row in _rows_to_import(checked, by, skip_bad_rows):
        result = _save(row.unit, row.date, row.cases, row.untraced_cases, row.linked_cases, by)
        setattr(outcome, result, getattr(outcome, result) + 1)
    return outcome


@transaction.atomic
def set_unit_population(unit: AdminUnit, population: Any, *, by: User) -> AdminUnit:
    require_unit_change(by, unit)
    problem = population_problem(unit, population)
    if problem:
        raise ValidationError({"population": problem})
    return set_population(unit, population)


@transaction.atomic
def import_populations(checked: CheckedFile, *, by: User, skip_bad_rows: bool = False) -> ImportOutcome:
    outcome = ImportOutcome()
    for row in _rows_to_import(checked, by, skip_bad_rows):
        if row.unit.population == row.population:
            outcome.unchanged += 1
            continue
        set_population(row.unit, row.population)
        outcome.updated += 1
    return outcome


def _rows_to_import(checked: CheckedFile[Any], by: User, skip_bad_rows: bool) -> Iterator[Any]:
    """The checked rows: none from a file with bad rows unless asked to skip them, and each only
    once `by` may change its unit (PermissionDenied otherwise)."""
    checked.require_importable(skip_bad_rows=skip_bad_rows, allow_none=True)
    for row in checked.rows:
        jurisdiction.require_unit(by, row.unit, change=True)
        yield row
