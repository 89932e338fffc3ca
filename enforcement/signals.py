"""A place's public page shows its disclosed violations: a change to one, or to what the
province discloses, makes those pages out of date."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from lib import publiccache
from safety.models import Establishment

from .models import DisclosurePolicy, Violation, ViolationType


def _violation_changed(sender: type[Violation], instance: Violation, **kwargs: Any) -> None:
    publiccache.bump("violations")  # the portal's home page lists the latest published
    if instance.establishment_id is None:
        return
    codes = Establishment.objects.filter(pk=instance.establishment_id).values_list("public_code", flat=True)
    publiccache.bump(*(f"place:{code}" for code in codes))


def _disclosure_changed(sender: Any, **kwargs: Any) -> None:
    publiccache.bump("all-places")


def connect() -> None:
    post_save.connect(_violation_changed, sender=Violation, dispatch_uid="public-cache-violation")
    post_delete.connect(_violation_changed, sender=Violation, dispatch_uid="public-cache-violation-delete")
    for model in (DisclosurePolicy, ViolationType):
        post_save.connect(_disclosure_changed, sender=model, dispatch_uid=f"public-cache-{model._meta.label}")
        post_delete.connect(_disclosure_changed, sender=model, dispatch_uid=f"public-cache-{model._meta.label}-d")
