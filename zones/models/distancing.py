"""Distancing measures (data) and the zones officers declare with them."""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.records import ListEntry, demo_flag, list_position, optional_link, person
from territory.models import AdminUnit
from territory.scoped import UnitPathField, UnitScoped, path_index

from ..rules import text_list_problem
from .levels import RiskLevel


class DistancingMeasure(ListEntry):
    """A package of measures a zone may apply: Chỉ thị 15, 16, 19, a lockdown…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    strictness = models.PositiveSmallIntegerField(
        _("strictness"), help_text=_("on the scale shared with risk levels; higher is stricter")
    )
    items = models.JSONField(_("what applies"), default=list)
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("distancing measure")
        verbose_name_plural = _("distancing measures")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        problem = text_list_problem(self.items)
        if problem:
            raise ValidationError({"items": problem})


class EndReason(models.TextChoices):
    LIFTED = "lifted", _("Lifted")
    EXPIRED = "expired", _("Expired")


class ZoneStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Not started yet")
    ACTIVE = "active", _("In force")
    LIFTED = "lifted", _("Lifted")
    EXPIRED = "expired", _("Expired")


class ZoneQuerySet(models.QuerySet["DistancingZone"]):
    def active(self, now: datetime | None = None) -> "ZoneQuerySet":
        """In force now: started, not lifted, and not past its planned end (even before the
        expiry command has marked it)."""
        now = now or timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now), starts_at__lte=now, planned_end__gt=now)

    def current_or_future(self, now: datetime | None = None) -> "ZoneQuerySet":
        now = now or timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now), planned_end__gt=now)


class DistancingZone(models.Model):
    """Units under one distancing decision, from its start to its lifting or planned end."""

    name = models.CharField(_("name"), max_length=200)
    units = models.ManyToManyField(AdminUnit, verbose_name=_("units"), through="ZoneUnit", related_name="+")
    # The narrowest unit holding every unit of the zone: whose officers see and lift it.
    area = models.ForeignKey(AdminUnit, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = UnitPathField(source="area")
    measure = optional_link(DistancingMeasure, _("measure"))
    level = optional_link(RiskLevel, _("measures of the level"), related_name="+")
    strictness = models.PositiveSmallIntegerField(_("strictness"), editable=False)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    planned_end = models.DateTimeField(_("planned end"))
    reason = models.TextField(_("reason"))
    triggering_cases = models.PositiveIntegerField(_("cases that triggered it"), default=0)
    scope_justification = models.TextField(_("why not narrower"), blank=True)
    villages_total = models.PositiveIntegerField(_("villages covered"), default=0, editable=False)
    villages_with_cases = models.PositiveIntegerField(_("villages covered with cases"), default=0, editable=False)
    is_wide = models.BooleanField(_("most villages covered had no case"), default=False, editable=False)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("how it ended"), max_length=10, choices=EndReason.choices, blank=True)
    lift_decision = models.CharField(_("lifting decision"), max_length=60, blank=True)
    lift_reason = models.TextField(_("reason for lifting"), blank=True)
    declared_by = person(_("declared by"))
    lifted_by = person(_("lifted by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = demo_flag()

    objects = ZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("distancing zone")
        verbose_name_plural = _("distancing zones")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=False, level__isnull=True) | Q(measure__isnull=True, level__isnull=False),
                name="zone_measure_or_level",
            ),
            models.CheckConstraint(condition=Q(planned_end__gt=models.F("starts_at")), name="zone_ends_after_start"),
        ]
        indexes = [
            path_index(name="zone_area_path_idx", path="area_path"),
            models.Index(fields=["planned_end", "starts_at"], name="zone_period_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def status(self, now: datetime | None = None) -> ZoneStatus:
        now = now or timezone.now()
        if self.ended_at is not None and self.ended_at <= now:
            return ZoneStatus.LIFTED if self.end_reason == EndReason.LIFTED else ZoneStatus.EXPIRED
        if self.planned_end <= now:
            return ZoneStatus.EXPIRED
        if self.starts_at > now:
            return ZoneStatus.SCHEDULED
        return ZoneStatus.ACTIVE

    @property
    def ends_at(self) -> datetime:
        return min(self.planned_end, self.ended_at) if self.ended_at else self.planned_end

    @property
    def measure_name(self) -> str:
        return self.measure.name if self.measure else self.level.name if self.level else ""


class ZoneUnit(UnitScoped):
    zone = models.ForeignKey(DistancingZone, on_delete=models.CASCADE, related_name="zone_units")

    class Meta:
        verbose_name = _("unit of a zone")
        verbose_name_plural = _("units of a zone")
        constraints = [models.UniqueConstraint(fields=["zone", "unit"], name="zone_unit_unique")]
        indexes = [path_index(name="zone_unit_path_idx")]

    def __str__(self) -> str:
        return f"{self.zone_id}: {self.unit_id}"
