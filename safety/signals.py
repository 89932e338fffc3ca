"""Keep the map's cell counts in step with every single save or delete of a place."""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from . import clusters
from .models import Establishment


def _remember(sender: type[Establishment], instance: Establishment, **kwargs: Any) -> None:
    old = Establishment.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._map_before = clusters.presence(old) if old else None  # type: ignore[attr-defined]


def _saved(sender: type[Establishment], instance: Establishment, **kwargs: Any) -> None:
    clusters.move(getattr(instance, "_map_before", None), clusters.presence(instance))
    instance._map_before = clusters.presence(instance)  # type: ignore[attr-defined]


def _deleted(sender: type[Establishment], instance: Establishment, **kwargs: Any) -> None:
    clusters.move(clusters.presence(instance), None)


def connect() -> None:
    pre_save.connect(_remember, sender=Establishment, dispatch_uid="map-cells-pre")
    post_save.connect(_saved, sender=Establishment, dispatch_uid="map-cells-post")
    post_delete.connect(_deleted, sender=Establishment, dispatch_uid="map-cells-delete")
