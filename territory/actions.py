"""Writes of the territory app: one function per action."""

from dataclasses import dataclass

from django.db import transaction

from lib.text import fold

from .models import AdminUnit, Level
from .villages import VillageFile


@dataclass
class VillageImport:
    created: int = 0
    updated: int = 0


@transaction.atomic
def import_villages(checked: VillageFile, *, skip_bad_rows: bool = False) -> VillageImport:
    """Create or update the checked villages; a file with errors imports nothing unless asked."""
    checked.require_importable(skip_bad_rows=skip_bad_rows, allow_none=True)
    outcome = VillageImport()
    commune_ids: set[int] = {row.commune.pk for row in checked.rows}
    existing = {
        (v.parent_id, fold(v.name)): v
        for v in AdminUnit.objects.select_for_update().filter(parent_id__in=commune_ids, level=Level.VILLAGE)
    }
    next_number = _next_numbers(commune_ids)
    for row in checked.rows:
        village = existing.get((row.commune.pk, fold(row.name)))
        if village is None:
            number = next_number.get(row.commune.pk, 1)
            next_number[row.commune.pk] = number + 1
            village = AdminUnit(scheme=row.commune.scheme, code=f"{row.commune.code}-{number:03d}", parent=row.commune)
            outcome.created += 1
        elif (village.name, village.type_name) == (row.name, row.type_name) and row.population in (
            None,
            village.population,
        ):
            continue  # a blank population keeps the one already known
        else:
            outcome.updated += 1
        village.level = Level.VILLAGE
        village.name = village.short_name = row.name
        village.type_name = row.type_name
        if row.population is not None:
            village.population = row.population
        village.save()
    return outcome


def _next_numbers(commune_ids: set[int]) -> dict[int, int]:
    """Village codes are the commune code plus a running number: 24640-001, 24640-002…

    Codes typed by hand in another form (24640-TDP) are skipped when finding the next number.
    """
    numbers: dict[int, int] = {}
    codes = AdminUnit.objects.filter(parent_id__in=commune_ids).values_list("parent_id", "code")
    for parent_id, code in codes:
        suffix = code.rsplit("-", 1)[-1]
        if "-" in code and suffix.isdigit():
            numbers[parent_id] = max(numbers.get(parent_id, 1), int(suffix) + 1)
    return numbers


def set_population(unit: AdminUnit, population: int | None) -> AdminUnit:
    unit.population = population
    unit.save(update_fields=["population"])
    return unit
