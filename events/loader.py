"""The safety-plan checklists of each kind of event, from events/data/checklists.json: data a
province edits (here or in the administration), loaded again without duplicating anything."""

import json
from pathlib import Path

from django.db import transaction

from .models import ChecklistItem

DATA = Path(__file__).resolve().parent / "data" / "checklists.json"


@transaction.atomic
def load_checklists(path: Path = DATA) -> int:
    data: dict[str, list[dict[str, object]]] = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for kind, items in data.items():
        for position, item in enumerate(items):
            ChecklistItem.objects.update_or_create(
                event_kind=kind,
                code=str(item["code"]),
                defaults={"text": str(item["text"]), "counts": bool(item.get("counts", False)), "position": position},
            )
            count += 1
    return count
