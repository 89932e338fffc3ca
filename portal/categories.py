"""Load the report categories and their deadlines from their data file, idempotently."""

import json
from pathlib import Path
from typing import Any

from lib.shipped import load_by_code

from .models import ReportCategory

DATA = Path(__file__).parent / "data" / "report_categories.json"


def load_report_categories(model: Any = None, *, refresh: bool = False) -> tuple[int, int]:
    """Create the categories of the data file that are missing; with `refresh`, overwrite those
    present too (an administrator's edits are kept otherwise). Returns (created, refreshed)."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["categories"]
    rows = [
        (
            entry["code"],
            {
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "deadline_days": entry["deadline_days"],
                "position": position,
            },
        )
        for position, entry in enumerate(entries)
    ]
    return load_by_code(model or ReportCategory, rows, refresh=refresh)
