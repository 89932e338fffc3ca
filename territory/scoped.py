"""Records that belong to an administrative unit: the shared base and its path column.

Jurisdiction is a prefix match on a unit's materialised path, so every unit-scoped record
stores the path of its unit and an index starting with it. `UnitPathField` copies the path
from its source on every save and in `bulk_create` (Django calls `pre_save` for both): no model
copies it by hand. `UnitScoped` is the base of records whose unit is called `unit`; records
scoped by another unit (a zone's `area`, a permit's `origin`, a directive's issuer) declare a
`UnitPathField` with that source. `ProvincePolicy` is the base of a province's own choices.
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AdminUnit


class UnitPathField(models.CharField):
    """The materialised path of the unit named by `source`: a field holding a unit, or a dotted
    way to one ("issuer.unit") or to a path ("target_place.unit_path"). Several sources: the
    first one that is set. The path is derived, never edited."""

    def __init__(self, *args: Any, source: str | tuple[str, ...] = "unit", **kwargs: Any) -> None:
        self.sources = (source,) if isinstance(source, str) else tuple(source)
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        # The column is a plain CharField: the source is behaviour, not schema, so migrations
        # see the same field as before and the historical models need no import of this one.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def path_of(self, instance: models.Model, *, load: bool = True) -> str | None:
        """The source's path; None when no source is set, or (load=False) when reaching it
        would need a query."""
        for source in self.sources:
            value: Any = instance
            for attribute in source.split("."):
                if not load and _needs_query(value, attribute):
                    return None
                value = getattr(value, attribute, None)
                if value is None:
                    break
            if isinstance(value, AdminUnit):
                return value.path
            if isinstance(value, str) and value:
                return value
        return None

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        # A bulk writer inserting rows by unit id gives the path it already knows: kept, rather
        # than one query per row. Any other save reads the path from the unit itself.
        given = add and bool(getattr(model_instance, self.attname))
        path = self.path_of(model_instance, load=not given)
        if path is not None:
            setattr(model_instance, self.attname, path)
        return super().pre_save(model_instance, add)


def _needs_query(instance: Any, attribute: str) -> bool:
    if not isinstance(instance, models.Model):
        return False
    try:
        field = instance._meta.get_field(attribute)
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.ForeignObject) and not field.is_cached(instance)


def path_index(*fields: str, name: str, path: str = "unit_path", **options: Any) -> models.Index:
    """An index led by the path, matched by prefix (`varchar_pattern_ops` on PostgreSQL), then
    the given fields: what jurisdiction filters ("everything under this unit") read."""
    return models.Index(
        fields=[path, *fields], name=name, opclasses=["varchar_pattern_ops", *[""] * len(fields)], **options
    )


class UnitScoped(models.Model):
    """A record of one administrative unit: the unit, its path (kept by `UnitPathField`), and the
    scheme the unit belongs to. A model redeclares `unit` to give it its own label or reverse
    name, and lists `path_index(...)` among its indexes."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    unit_path = UnitPathField()

    class Meta:
        abstract = True

    @property
    def scheme(self) -> str:
        """The scheme of the record's unit ("legacy" or "2025"), read from the path."""
        return self.unit_path.split("/", 1)[0]


class ProvincePolicy(models.Model):
    """What a province chooses about a part of the system: one row per province, named by it."""

    unit = models.OneToOneField(AdminUnit, verbose_name=_("province"), on_delete=models.CASCADE)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.unit)
