"""Tell the public cache which public answers a saved or deleted place makes out of date.

The map's cells are moved by the actions themselves (clusters.move, which also marks the map
out of date when a place changes state); here every write of a place marks its own page, and a
full save (a new place, an edit) the map's list and summaries too. A criteria set written in
this process drops the versions it keeps (criteria.version).
"""

from typing import Any

from django.db.models.signals import post_delete, post_save

from lib import publiccache

from . import criteria
from .models import CriteriaSet, Establishment, EstablishmentType

# Saved by the assessment action: the map cells show the state, the place's page the rest.
NOT_LISTED = {"last_assessment", "state", "assessed_at", "valid_until"}


def _place_saved(sender: type[Establishment], instance: Establishment, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields is None or not set(update_fields) <= NOT_LISTED:
        publiccache.bump("places")
    publiccache.bump(f"place:{instance.public_code}")


def _place_deleted(sender: type[Establishment], instance: Establishment, **kwargs: Any) -> None:
    publiccache.bump("places", f"place:{instance.public_code}")


def _type_changed(sender: type[EstablishmentType], **kwargs: Any) -> None:
    publiccache.bump("places", "all-places")


def connect() -> None:
    post_save.connect(_place_saved, sender=Establishment, dispatch_uid="public-cache-place")
    post_delete.connect(_place_deleted, sender=Establishment, dispatch_uid="public-cache-place-delete")
    post_save.connect(_type_changed, sender=EstablishmentType, dispatch_uid="public-cache-type")
    post_delete.connect(_type_changed, sender=EstablishmentType, dispatch_uid="public-cache-type-delete")
    post_save.connect(criteria.forget_versions, sender=CriteriaSet, dispatch_uid="criteria-versions")
    post_delete.connect(criteria.forget_versions, sender=CriteriaSet, dispatch_uid="criteria-versions-delete")
