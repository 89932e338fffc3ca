"""Any change to levels, measures or zones makes the public level and zone pages out of date."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from lib import publiccache


def _changed(sender: Any, **kwargs: Any) -> None:
    publiccache.bump("zones")


def connect(app: AppConfig) -> None:
    for model in app.get_models():
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-cache-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"public-cache-{model._meta.label}-delete")
