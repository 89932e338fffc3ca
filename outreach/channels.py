"""Load the channels and units of measure from outreach/data/channels.json, idempotently."""

import json
from pathlib import Path

from django.db import transaction

from .models import Channel, Measure

DATA = Path(__file__).parent / "data" / "channels.json"


@transaction.atomic
def load_channels(path: Path = DATA) -> tuple[int, int]:
    """Create what is missing; keep what the provincial administrator edited (names, bounds,
    order). Returns (measures created, channels created)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    measures_created = channels_created = 0
    for entry in data["measures"]:
        _measure, created = Measure.objects.get_or_create(
            code=entry["code"], defaults={"name": entry["name"], "max_per_activity": entry["max_per_activity"]}
        )
        measures_created += created
    for position, entry in enumerate(data["channels"]):
        _channel, created = Channel.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "measure": Measure.objects.get(code=entry["measure"]),
                "priorities": entry.get("priorities", []),
                "position": position,
            },
        )
        channels_created += created
    return measures_created, channels_created
