"""Goods permits ("luồng xanh"): a vehicle, its goods and route, approved and QR-signed."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.records import ListEntry, demo_flag, list_position, stamp
from territory.models import AdminUnit
from territory.scoped import UnitPathField, path_index


class GoodsType(ListEntry):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("type of goods")
        verbose_name_plural = _("types of goods")
        ordering = ["position", "name"]


class PermitStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


class GoodsPermit(models.Model):
    """One vehicle's permit. Its QR code is signed (zones/permit_codes.py): editing the code's
    text to forge or extend a permit breaks the signature."""

    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    operator_name = models.CharField(_("transport operator"), max_length=200)
    operator_phone = models.CharField(_("operator's phone"), max_length=20)
    plate = models.CharField(_("number plate"), max_length=16, db_index=True)
    vehicle_kind = models.CharField(_("vehicle"), max_length=100, blank=True)
    driver_name = models.CharField(_("driver"), max_length=120)
    driver_phone = models.CharField(_("driver's phone"), max_length=20, blank=True)
    goods_type = models.ForeignKey(GoodsType, verbose_name=_("goods"), on_delete=models.PROTECT)
    goods_detail = models.CharField(_("goods in detail"), max_length=200, blank=True)
    origin = models.ForeignKey(AdminUnit, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+")
    destination = models.ForeignKey(AdminUnit, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    waypoints = models.ManyToManyField(
        AdminUnit, verbose_name=_("through"), through="PermitWaypoint", related_name="+", blank=True
    )
    route_text = models.CharField(_("route"), max_length=600, editable=False)
    origin_path = UnitPathField(source="origin")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=10, choices=PermitStatus.choices, default=PermitStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="goods_permits",
        editable=False,
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at, decided_by = stamp(_("decided at"), _("decided by"), editable=False)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("goods permit")
        verbose_name_plural = _("goods permits")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="permit_valid_until_after_from"
            ),
        ]
        indexes = [
            path_index(name="permit_origin_path_idx", path="origin_path"),
            models.Index(fields=["status", "valid_until"], name="permit_status_valid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.plate}"

    def is_valid_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.status == PermitStatus.APPROVED and self.valid_from <= day <= self.valid_until


class PermitWaypoint(models.Model):
    permit = models.ForeignKey(GoodsPermit, on_delete=models.CASCADE, related_name="stops")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("waypoint")
        verbose_name_plural = _("waypoints")
        ordering = ["permit", "position"]
        constraints = [models.UniqueConstraint(fields=["permit", "position"], name="permit_waypoint_position_unique")]

    def __str__(self) -> str:
        return f"{self.permit_id} #{self.position}: {self.unit_id}"
