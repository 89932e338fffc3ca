"""Writes an audit entry for every change a person makes to a record of an audited app.

Signals catch writes from pages, the API and the admin alike; bulk loads by commands run
without an actor and are not recorded row by row. Derived counters (map cells, coverage
tallies) say `audited = False`: what a person changed is the record they derive from.

A hot path that writes with `update()` records the change itself (`record_update`), and may
gather the entries of several writes into one statement (`together`).
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from lib.acting import current_actor

from .models import Action, AuditEntry

SECRET_FIELDS = {"password", "key_hash"}
IGNORED_UPDATES = {frozenset({"last_login"}), frozenset({"last_used_at"})}


MASK = "••••••"
CHANGED_MASK = "•••••• (changed)"

_gathered: ContextVar[list[AuditEntry] | None] = ContextVar("audit_gathered", default=None)


def _secrets(instance: models.Model) -> dict[str, Any]:
    return {f.name: getattr(instance, f.attname) for f in instance._meta.concrete_fields if f.name in SECRET_FIELDS}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's values as JSON; secrets (password hashes, token hashes) are masked."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            values[field.name] = MASK
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, models.FileField):
            value = str(value) if value else ""
        values[field.attname] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _record(instance: models.Model, action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    actor = current_actor()
    if actor is None:
        return
    user = actor.current_user()
    if user is None and not actor.name:
        return
    entry = AuditEntry(
        actor=user,
        actor_name=(user.get_username() if user else actor.name)[:150],
        source=actor.source,
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
    )
    gathered = _gathered.get()
    if gathered is None:
        entry.save()
    else:
        gathered.append(entry)


@contextmanager
def together() -> Iterator[None]:
    """The entries recorded inside are written in one statement when the block succeeds."""
    gathered: list[AuditEntry] = []
    token = _gathered.set(gathered)
    try:
        yield
    finally:
        _gathered.reset(token)
    if gathered:
        AuditEntry.objects.bulk_create(gathered)


def record_update(instance: models.Model, before: dict[str, Any]) -> None:
    """Record a change written with `update()` (which sends no signal), given the record's
    `snapshot` before it; `instance` holds the values written."""
    after = snapshot(instance)
    if before != after:
        _record(instance, Action.UPDATE, before, after)


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    instance._audit_before = None  # type: ignore[attr-defined]
    instance._audit_secrets = {}  # type: ignore[attr-defined]
    if instance.pk is not None and current_actor() is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]
        instance._audit_secrets = _secrets(old) if old is not None else {}  # type: ignore[attr-defined]


def _after_save(sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) in IGNORED_UPDATES:
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    old_secrets = getattr(instance, "_audit_secrets", {})
    for name, value in _secrets(instance).items():
        if name in old_secrets and old_secrets[name] != value:
            after[name] = CHANGED_MASK  # that a secret changed is recorded, never its value
    if not created and before == after:
        return
    _record(instance, Action.CREATE if created else Action.UPDATE, None if created else before, after)


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _record(instance, Action.DELETE, snapshot(instance), None)


def _m2m_changed(
    sender: Any, instance: models.Model, action: str, model: type[models.Model], pk_set: Any, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    field = next(
        (f.name for f in instance._meta.many_to_many if getattr(f.remote_field, "through", None) is sender),
        sender._meta.model_name,
    )
    change = {field: {"action": action.removeprefix("post_"), "ids": sorted(pk_set or [])}}
    _record(instance, Action.UPDATE, None, change)


def audited_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.app_label in settings.AUDITED_APPS and getattr(m, "audited", True)]


def connect() -> None:
    for model in audited_models():
        uid = f"audit-{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}-{field.name}")
