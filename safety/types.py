"""Load the types of place from their data file, idempotently."""

import json
from pathlib import Path

from .models import EstablishmentType

DATA = Path(__file__).parent / "data" / "establishment_types.json"


def load_establishment_types(*, keep_mapping: bool = True) -> int:
    """Create missing types and refresh names; a mapping changed by the province is kept."""
    entries = json.loads(DATA.read_text(encoding="utf-8"))["types"]
    for position, entry in enumerate(entries):
        kind = EstablishmentType.objects.filter(code=entry["code"]).first()
        if kind is None:
            kind = EstablishmentType(code=entry["code"], criteria_set_code=entry["criteria_set"])
        elif not keep_mapping or not kind.criteria_set_code:
            kind.criteria_set_code = entry["criteria_set"]
        kind.name, kind.name_en, kind.position = entry["name"], entry["name_en"], position
        kind.save()
    return len(entries)
