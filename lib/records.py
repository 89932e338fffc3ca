"""Fields many records share: who created a record and when, whether it is demo data, the
person who did something to a record and when, a link that may be left empty, a point on the
map, the period a record covers, how complete shipped data is, the folded name a picker
searches; the base of a unit of measure, and of the tables the actions derive from other
records."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.text import fold


def person(verbose_name: Any = None, **options: Any) -> models.ForeignKey:
    """The person who did something to the record (decided, published, recorded it…): kept as
    empty when the account goes, with no reverse relation on the user."""
    options.setdefault("null", True)
    options.setdefault("blank", True)
    options.setdefault("on_delete", models.SET_NULL)
    options.setdefault("related_name", "+")
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=verbose_name, **options)


def optional_link(to: Any, verbose_name: Any = None, **options: Any) -> models.ForeignKey:
    """A link to another record that may be left empty; the record it points to cannot be
    deleted while linked, unless `on_delete` says otherwise."""
    options.setdefault("on_delete", models.PROTECT)
    return models.ForeignKey(to, verbose_name=verbose_name, null=True, blank=True, **options)


class SearchNameField(models.CharField):
    """What a picker searches: the `source` fields of the record joined and folded (`lib.text.fold`:
    no case, no diacritics), written on every save and in `bulk_create` (Django calls `pre_save`
    for both), never edited. A writer using `bulk_update` sets it itself (`folded(record)`)."""

    def __init__(self, *args: Any, source: tuple[str, ...] = ("name",), **kwargs: Any) -> None:
        self.sources = source
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        # The column is a plain CharField: the source is behaviour, not schema (as UnitPathField).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def folded(self, instance: models.Model) -> str:
        return fold(" ".join(getattr(instance, source) for source in self.sources))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        setattr(model_instance, self.attname, self.folded(model_instance))
        return super().pre_save(model_instance, add)


def demo_flag() -> models.BooleanField:
    """Whether the demo loader wrote the record (and removes it again)."""
    return models.BooleanField(_("demo data"), default=False)


def list_position() -> models.PositiveSmallIntegerField:
    """Where a record stands in the lists of its kind, smaller first."""
    return models.PositiveSmallIntegerField(_("position"), default=0)


def in_use() -> models.BooleanField:
    """Whether a kind of record (a type, a category, a channel…) is still offered for new records."""
    return models.BooleanField(_("in use"), default=True)


def stamp(at: Any, by: Any = None, **options: Any) -> tuple[models.DateTimeField, models.ForeignKey]:
    """When a step of a record's life was taken (decided, published, reviewed…) and by whom, both
    empty until it is: `decided_at, decided_by = stamp(_("decided at"))`. The options apply to
    both (`editable=False` where only an action takes the step)."""
    return models.DateTimeField(at, null=True, blank=True, **options), person(by, **options)


def coordinates(**options: Any) -> tuple[models.DecimalField, models.DecimalField]:
    """Where a record is on the map, in degrees to six decimals (about 10 cm):
    `latitude, longitude = coordinates()`; the options apply to both."""
    return (
        models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, **options),
        models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, **options),
    )


def completeness(choices: Any, **options: Any) -> tuple[models.CharField, models.TextField]:
    """How complete shipped reference data is against the official texts at hand (`choices`:
    complete, partial…) and what is missing: `status, status_note = completeness(...)`; the
    options apply to the status."""
    return (
        models.CharField(_("status"), max_length=10, choices=choices, **options),
        models.TextField(_("what is missing"), blank=True),
    )


def period() -> tuple[models.DateField, models.DateField]:
    """The days a record covers, the last one included: `period_start, period_end = period()`;
    its Meta lists `period_ordered(...)` among its constraints."""
    return models.DateField(_("from")), models.DateField(_("to"))


def period_ordered(name: str) -> models.CheckConstraint:
    """A period (`period()`) never ends before it starts."""
    return models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name=name)


class Created(models.Model):
    """Who created the record (kept when the account goes) and when; neither is edited in a form."""

    created_by = person(editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class CreatedDemo(Created):
    """A created record that the demo loader may have written (and removes again)."""

    is_demo = demo_flag()

    class Meta:
        abstract = True


class UnitOfMeasure(models.Model):
    """What quantities are counted in (bài, phút, người, chiếc…), known by its code; a model adds
    its `name`, with examples of its own."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name: str

    class Meta:
        abstract = True
        verbose_name = _("unit of measure")
        verbose_name_plural = _("units of measure")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ListEntry(models.Model):
    """An entry of a list the product ships or a province keeps (a kind of place, a channel, a
    distancing measure…): listed by its position, then by its code, and shown by its name. A
    model declares its `code`, `name` and `position = list_position()` where its forms show
    them; its `Meta` extends this one, and may order entries of the same position otherwise."""

    name: str

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class Derived(models.Model):
    """A table the actions keep from other records (a counter, a village's coverage) so that reads
    never recompute it: not a change a person made, so the audit trail leaves it out."""

    audited = False

    class Meta:
        abstract = True
