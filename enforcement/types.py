"""Load the violation types from their data file, idempotently."""

import json
from pathlib import Path

from .models import TypeStatus, ViolationType

DATA = Path(__file__).parent / "data" / "violation_types.json"


def load_violation_types(*, refresh: bool = False) -> tuple[int, int]:
    """Create the types of the data file that are missing; with `refresh`, overwrite those present
    too (an administrator's edits are kept otherwise). Returns (created, refreshed)."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["types"]
    created = refreshed = 0
    for position, entry in enumerate(entries):
        low, high = entry.get("fine_min"), entry["fine_max"]
        if low is not None and low > high:
            raise ValueError(f"{entry['code']}: fine_min is above fine_max")
        values = {
            "name": entry["name"],
            "legal_basis": entry["legal_basis"],
            "fine_min": low,
            "fine_max": high,
            "additional_measures": entry.get("additional_measures", ""),
            "status": entry.get("status", TypeStatus.PARTIAL),
            "status_note": entry.get("status_note", ""),
            "position": position,
        }
        kind = ViolationType.objects.filter(code=entry["code"]).first()
        if kind is None:
            ViolationType.objects.create(code=entry["code"], **values)
            created += 1
        elif refresh:
            for key, value in values.items():
                setattr(kind, key, value)
            kind.save()
            refreshed += 1
    return created, refreshed
