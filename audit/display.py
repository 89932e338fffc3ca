"""An audit entry's changes as a person reads them: the field's label, choices by their label,
times as dd/mm/yyyy HH:MM in the province's time zone, linked records by name."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import AuditEntry

Change = tuple[str, str, str]


def _field_for(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.attname, field.name):
            return field
    return None


def _related_name(field: models.ForeignKey[Any, Any], pk: Any, cache: dict[tuple[Any, Any], str]) -> str:
    related = field.related_model
    key = (related, pk)
    if key not in cache:
        found = related._default_manager.filter(pk=pk).first()  # type: ignore[union-attr]
        cache[key] = str(found) if found is not None else f"#{pk}"
    return cache[key]


def _moment(value: str, with_time: bool) -> str:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if with_time:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return moment.strftime("%d/%m/%Y")


def value_text(field: models.Field[Any, Any] | None, value: Any, cache: dict[tuple[Any, Any], str]) -> str:
    if value is None or value == "":
        return "—"
    if field is not None:
        if field.choices:
            labels = {str(code): label for code, label in field.flatchoices}
            if str(value) in labels:
                return str(labels[str(value)])
        if isinstance(field, models.BooleanField):
            return str(_("Yes") if value else _("No"))
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            return _moment(value, with_time=True)
        if isinstance(field, models.DateField) and isinstance(value, str):
            return _moment(value, with_time=False)
        if isinstance(field, models.ForeignKey):
            return _related_name(field, value, cache)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, date):
        text = value.strftime("%d/%m/%Y")
    else:
        text = str(value)
    return text if len(text) <= 300 else text[:299] + "…"


def changes(entry: AuditEntry, cache: dict[tuple[Any, Any], str] | None = None) -> list[Change]:
    """(label, before, after) for each field that changed."""
    cache = {} if cache is None else cache
    model = entry.content_type.model_class()
    result = []
    for key, old, new in entry.changed_fields():
        field = _field_for(model, key)
        label = capfirst(str(field.verbose_name)) if field is not None else key
        result.append((label, value_text(field, old, cache), value_text(field, new, cache)))
    return result


def with_changes(entries: Any) -> list[tuple[AuditEntry, list[Change]]]:
    cache: dict[tuple[Any, Any], str] = {}
    return [(entry, changes(entry, cache)) for entry in entries]
