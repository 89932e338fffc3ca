"""Load the report categories and their deadlines from their data file, idempotently."""

import json
from pathlib import Path
from typing import Any

from .models import ReportCategory

DATA = Path(__file__).parent / "data" / "report_categories.json"


def load_report_categories(model: Any = None, *, refresh: bool = False) -> tuple[int, int]:
    """Create the categories of the data file that are missing; with `refresh`, overwrite those
    present too (an administrator's edits are kept otherwise). Returns (created, refreshed)."""
    model = model or ReportCategory
    entries = json.loads(DATA.read_text(encoding="utf-8"))["categories"]
    created = refreshed = 0
    for position, entry in enumerate(entries):
        values = {
            "name": entry["name"],
            "name_en": entry.get("name_en", ""),
            "deadline_days": entry["deadline_days"],
            "position": position,
        }
        category = model.objects.filter(code=entry["code"]).first()
        if category is None:
            model.objects.create(code=entry["code"], **values)
            created += 1
        elif refresh:
            model.objects.filter(pk=category.pk).update(**values)
            refreshed += 1
    return created, refreshed
