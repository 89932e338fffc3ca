"""Reference data shipped with the code (violation types, unit checklists, report categories…):
rows keyed by their code, loaded idempotently."""

from collections.abc import Iterable
from typing import Any


def load_by_code(model: Any, rows: Iterable[tuple[str, dict[str, Any]]], *, refresh: bool = False) -> tuple[int, int]:
    """Create the rows whose code is missing; with `refresh`, overwrite those present too (an
    administrator's edits are kept otherwise). `model` may be a migration's historical model.
    Returns (created, refreshed)."""
    created = refreshed = 0
    for code, values in rows:
        row = model.objects.filter(code=code).first()
        if row is None:
            model.objects.create(code=code, **values)
            created += 1
        elif refresh:
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
            refreshed += 1
    return created, refreshed
