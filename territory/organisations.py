"""Create the organisations of a province from data files, idempotently."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import AdminUnit, Organisation, RecipientGroup

DATA = Path(__file__).parent / "data" / "organisations.json"


@transaction.atomic
def load_organisations(province: AdminUnit, named: list[dict[str, Any]] | None = None, *, demo: bool = False) -> int:
    """Organisations of every district and commune of the province, the named provincial ones,
    and the recipient groups of the 'Kính gửi' list. Returns how many organisations exist."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    units = [province, *province.descendants().exclude(level="village")]
    for template in data["per_unit"]:
        for unit in (u for u in units if u.level == template["level"]):
            _upsert(
                code=f"{template['code']}-{unit.scheme}-{unit.code}",
                name=template["name"].format(unit=unit.running_name),
                short_name=template["short_name"].format(unit=unit.running_name),
                kind=template["kind"],
                unit=unit,
                demo=demo,
            )
    for entry in named or []:
        _upsert(
            code=entry["code"],
            name=entry["name"],
            short_name=entry.get("short_name", ""),
            kind=entry["kind"],
            unit=province,
            email=entry.get("email", ""),
            demo=demo,
        )
    in_province = Organisation.objects.filter(unit__path__startswith=province.path)
    for position, group_data in enumerate(data["recipient_groups"]):
        group, _created = RecipientGroup.objects.update_or_create(
            code=f"{group_data['code']}-{province.scheme}-{province.code}",
            defaults={"name": group_data["name"], "unit": province, "position": position},
        )
        group.members.set(in_province.filter(kind__in=group_data["kinds"]))
    return in_province.count()


def _upsert(*, code: str, name: str, short_name: str, kind: str, unit: AdminUnit, demo: bool, email: str = "") -> None:
    organisation = Organisation.objects.filter(code=code).first() or Organisation(code=code)
    organisation.name, organisation.short_name, organisation.kind, organisation.unit = name, short_name, kind, unit
    organisation.is_demo = demo
    if email:
        organisation.email = email
    organisation.save()
