"""Create the organisations of a province from data files, idempotently."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from lib.text import fold

from .models import AdminUnit, Organisation, RecipientGroup

DATA = Path(__file__).parent / "data" / "organisations.json"


FIELDS = ["name", "short_name", "kind", "unit", "email", "search_name", "is_demo"]


@transaction.atomic
def load_organisations(province: AdminUnit, named: list[dict[str, Any]] | None = None, *, demo: bool = False) -> int:
    """Organisations of every district and commune of the province, the named provincial ones,
    and the recipient groups of the 'Kính gửi' list. Returns how many organisations exist.

    A bulk load, like the units: written in a few statements and not audited row by row."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    units = [province, *province.descendants().exclude(level="village")]
    wanted: dict[str, Organisation] = {}
    for template in data["per_unit"]:
        for unit in (u for u in units if u.level == template["level"]):
            code = f"{template['code']}-{unit.scheme}-{unit.code}"
            wanted[code] = Organisation(
                code=code,
                name=template["name"].format(unit=unit.running_name),
                short_name=template["short_name"].format(unit=unit.running_name),
                kind=template["kind"],
                unit=unit,
            )
    for entry in named or []:
        wanted[entry["code"]] = Organisation(
            code=entry["code"],
            name=entry["name"],
            short_name=entry.get("short_name", ""),
            kind=entry["kind"],
            unit=province,
            email=entry.get("email", ""),
        )
    _upsert(wanted, demo=demo)
    in_province = Organisation.objects.filter(unit__path__under=province.path)
    for position, group_data in enumerate(data["recipient_groups"]):
        group, _created = RecipientGroup.objects.update_or_create(
            code=f"{group_data['code']}-{province.scheme}-{province.code}",
            defaults={"name": group_data["name"], "unit": province, "position": position},
        )
        group.members.set(in_province.filter(kind__in=group_data["kinds"]))
    return in_province.count()


def _upsert(wanted: dict[str, Organisation], *, demo: bool) -> None:
    existing = {o.code: o for o in Organisation.objects.filter(code__in=wanted)}
    to_create, to_update = [], []
    for code, fresh in wanted.items():
        organisation = existing.get(code)
        if organisation is None:
            organisation = fresh
            to_create.append(organisation)
        else:
            organisation.name, organisation.short_name = fresh.name, fresh.short_name
            organisation.kind, organisation.unit = fresh.kind, fresh.unit
            if fresh.email:  # an address set by the administrator is kept unless the file names one
                organisation.email = fresh.email
            to_update.append(organisation)
        organisation.is_demo = demo
        organisation.search_name = fold(f"{organisation.name} {organisation.short_name}")
    Organisation.objects.bulk_create(to_create, batch_size=500)
    Organisation.objects.bulk_update(to_update, FIELDS, batch_size=500)
