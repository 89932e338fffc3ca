"""Load the violation types from their data file, idempotently."""

import json
from pathlib import Path
from typing import Any

from lib.shipped import load_by_code

from .models import TypeStatus, ViolationType

DATA = Path(__file__).parent / "data" / "violation_types.json"


def load_violation_types(*, refresh: bool = False) -> tuple[int, int]:
    """Create the types of the data file that are missing; with `refresh`, overwrite those present
    too (an administrator's edits are kept otherwise). Returns (created, refreshed)."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["types"]
    rows = [(entry["code"], _values(entry, position)) for position, entry in enumerate(entries)]
    return load_by_code(ViolationType, rows, refresh=refresh)


def _values(entry: dict[str, Any], position: int) -> dict[str, Any]:
    low, high = entry.get("fine_min"), entry["fine_max"]
    if low is not None and low > high:
        raise ValueError(f"{entry['code']}: fine_min is above fine_max")
    return {
        "name": entry["name"],
        "legal_basis": entry["legal_basis"],
        "fine_min": low,
        "fine_max": high,
        "additional_measures": entry.get("additional_measures", ""),
        "status": entry.get("status", TypeStatus.PARTIAL),
        "status_note": entry.get("status_note", ""),
        "position": position,
    }
