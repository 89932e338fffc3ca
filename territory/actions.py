"""Writes of the territory app: one function per action."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from lib.text import fold

from .models import AdminUnit, Level
from .villages import VillageFile


@dataclass
class VillageImport:
    created: int = 0
    updated: int = 0


class ImportRefused(Exception):
    pass


@transaction.atomic
def import_villages(checked: VillageFile, *, skip_bad_rows: bool = False) -> VillageImport:
    """Create or update the checked villages; a file with errors imports nothing unless asked."""
    if checked.file_error:
        raise ImportRefused(checked.file_error)
    if checked.errors and not skip_bad_rows:
        raise ImportRefused(f"{len(checked.errors)} bad rows; nothing imported.")
    outcome = VillageImport()
    commune_ids = {row.commune.pk for row in checked.rows}
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
        elif village.type_name == row.type_name and village.population == row.population and village.name == row.name:
            continue
        else:
            outcome.updated += 1
        village.level = Level.VILLAGE
        village.name = village.short_name = row.name
        village.type_name = row.type_name
        if row.population is not None:
            village.population = row.population
        village.save()
    return outcome


def _next_numbers(commune_ids: set[int | None]) -> dict[int, int]:
    """Village codes are the commune code plus a running number: 24640-001, 24640-002…"""
    numbers: dict[int, int] = {}
    codes = AdminUnit.objects.filter(parent_id__in=commune_ids, level=Level.VILLAGE).values("parent_id").annotate(last=Max("code"))
    for row in codes:
        suffix = row["last"].rsplit("-", 1)[-1]
        numbers[row["parent_id"]] = int(suffix) + 1 if suffix.isdigit() else 1
    return numbers


def set_population(unit: AdminUnit, population: int | None) -> AdminUnit:
    unit.population = population
    unit.save(update_fields=["population"])
    return unit
