"""Goods permits: an operator registers a vehicle, an officer of the origin approves, rejects or
revokes; the requester is told by email."""

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from territory.models import AdminUnit, Level

from ..models import GoodsPermit, GoodsType, PermitStatus, PermitWaypoint
from ..plates import PlateInvalid, normalise_plate
from . import Conflict

MAX_PERMIT_DAYS = 180
MAX_WAYPOINTS = 10
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread at a checkpoint
_PHONE = re.compile(r"^(\+84|0)\d{8,10}$")


@dataclass
class PermitInput:
    operator_name: str
    operator_phone: str
    plate: str
    driver_name: str
    goods_type: str
    origin: AdminUnit | None
    destination: AdminUnit | None
    valid_from: Any
    valid_until: Any
    driver_phone: str = ""
    vehicle_kind: str = ""
    goods_detail: str = ""
    waypoints: list[AdminUnit] = field(default_factory=list)


def _phone(errors: dict[str, str], name: str, value: str, required: bool) -> str:
    compact = re.sub(r"[\s.\-()]", "", value or "")
    if not compact:
        if required:
            errors[name] = _("This field is required.")
        return ""
    if not _PHONE.match(compact):
        errors[name] = _("A Vietnamese phone number: 0 or +84 and 9 to 11 digits.")
    return compact


def _required(errors: dict[str, str], name: str, value: str, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > limit:
        errors[name] = _("At most %(max)s characters.") % {"max": limit}
    return value


def _check_dates(errors: dict[str, str], start: Any, end: Any) -> None:
    for name, value in (("valid_from", start), ("valid_until", end)):
        if not isinstance(value, date):
            errors[name] = _("Enter a date.")
    if errors.keys() & {"valid_from", "valid_until"}:
        return
    today = timezone.localdate()
    if end < start:
        errors["valid_until"] = _("The end must come after the start.")
    elif end < today:
        errors["valid_until"] = _("The end has passed.")
    elif (end - start).days + 1 > MAX_PERMIT_DAYS:
        errors["valid_until"] = _("A permit is valid for at most %(days)s days.") % {"days": MAX_PERMIT_DAYS}
    elif start > today + timedelta(days=MAX_PERMIT_DAYS):
        errors["valid_from"] = _("The start is too far ahead.")


def route_text(origin: AdminUnit, waypoints: list[AdminUnit], destination: AdminUnit) -> str:
    return " → ".join(u.name for u in [origin, *waypoints, destination])[:600]


def _new_number() -> str:
    return "LX-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))


@transaction.atomic
def register_permit(data: PermitInput, *, by: User) -> GoodsPermit:
    """A transport operator (any signed-in user) asks for a permit for one vehicle."""
    jurisdiction.require(by.is_authenticated)
    errors: dict[str, str] = {}
    texts = {
        "operator_name": _required(errors, "operator_name", data.operator_name, 200),
        "driver_name": _required(errors, "driver_name", data.driver_name, 120),
        "vehicle_kind": _required(errors, "vehicle_kind", data.vehicle_kind, 100, required=False),
        "goods_detail": _required(errors, "goods_detail", data.goods_detail, 200, required=False),
    }
    operator_phone = _phone(errors, "operator_phone", data.operator_phone, True)
    driver_phone = _phone(errors, "driver_phone", data.driver_phone, False)
    plate = ""
    try:
        plate = normalise_plate(data.plate)
    except PlateInvalid as invalid:
        errors["plate"] = str(invalid)
    goods = GoodsType.objects.filter(code=data.goods_type).first()
    if goods is None:
        errors["goods_type"] = _("Choose a type of goods.")
    for name in ("origin", "destination"):
        unit = getattr(data, name)
        if unit is None:
            errors[name] = _("Choose a unit.")
        elif unit.level == Level.VILLAGE:
            errors[name] = _("Choose a commune, district or province.")
    if len(data.waypoints) > MAX_WAYPOINTS:
        errors["waypoints"] = _("At most %(max)s places on the way.") % {"max": MAX_WAYPOINTS}
    _check_dates(errors, data.valid_from, data.valid_until)
    if errors:
        raise ValidationError(errors)
    assert data.origin is not None and data.destination is not None
    clash = (
        GoodsPermit.objects.select_for_update()
        .filter(plate=plate, status__in=[PermitStatus.PENDING, PermitStatus.APPROVED])
        .filter(Q(valid_from__lte=data.valid_until) & Q(valid_until__gte=data.valid_from))
        .first()
    )
    if clash is not None:
        raise Conflict(
            _("Vehicle %(plate)s already has permit %(number)s for some of these days.")
            % {"plate": plate, "number": clash.number}
        )
    permit = GoodsPermit(
        plate=plate,
        operator_phone=operator_phone,
        driver_phone=driver_phone,
        goods_type=goods,
        origin=data.origin,
        destination=data.destination,
        route_text=route_text(data.origin, data.waypoints, data.destination),
        valid_from=data.valid_from,
        valid_until=data.valid_until,
        requested_by=by,
        **texts,
    )
    for _attempt in range(5):
        permit.number = _new_number()
        try:
            with transaction.atomic():
                permit.save()
            break
        except IntegrityError:
            permit.pk = None
    else:  # pragma: no cover — 32^8 numbers
        raise RuntimeError("Could not find a free permit number.")
    for position, unit in enumerate(data.waypoints, start=1):
        PermitWaypoint.objects.create(permit=permit, unit=unit, position=position)
    return permit


def _decide(permit: GoodsPermit, by: User, expected: str) -> GoodsPermit:
    jurisdiction.require_unit(
        by, permit.origin, change=True, message=_("This permit's origin is outside your jurisdiction.")
    )
    locked = (
        GoodsPermit.objects.select_for_update(of=("self",)).select_related("origin", "requested_by").get(pk=permit.pk)
    )
    if locked.status != expected:
        raise Conflict(
            _("This permit is %(status)s: it cannot be changed so.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("At most %(max)s characters.") % {"max": 2000}})
    return reason


def _tell_requester(permit: GoodsPermit, subject: str) -> None:
    user = permit.requested_by
    if user is None or not user.email:
        return
    body = f"{permit.number} · {permit.plate}\n{permit.route_text}\n{permit.get_status_display()}"
    if permit.decision_note or permit.revoke_reason:
        body += f"\n{permit.revoke_reason or permit.decision_note}"
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)
    )


def _settle(permit: GoodsPermit, by: User, status: str, note: str, subject: str) -> GoodsPermit:
    """Save the officer's decision on a pending permit and tell the requester."""
    permit.status, permit.decided_by, permit.decided_at = status, by, timezone.now()
    permit.decision_note = note
    permit.save()
    _tell_requester(permit, subject % {"number": permit.number})
    return permit


@transaction.atomic
def approve_permit(permit: GoodsPermit, *, by: User, note: str = "") -> GoodsPermit:
    permit = _decide(permit, by, PermitStatus.PENDING)
    if permit.valid_until < timezone.localdate():
        raise Conflict(_("The permit's dates have passed: ask for a new permit."))
    return _settle(
        permit, by, PermitStatus.APPROVED, (note or "").strip()[:2000], _("Goods permit %(number)s approved")
    )


@transaction.atomic
def reject_permit(permit: GoodsPermit, *, by: User, reason: str) -> GoodsPermit:
    permit = _decide(permit, by, PermitStatus.PENDING)
    return _settle(permit, by, PermitStatus.REJECTED, _reason(reason), _("Goods permit %(number)s rejected"))


@transaction.atomic
def revoke_permit(permit: GoodsPermit, *, by: User, reason: str) -> GoodsPermit:
    """Revoked permits fail at the next scan: verification reads the permit each time."""
    permit = _decide(permit, by, PermitStatus.APPROVED)
    reason = _reason(reason)
    permit.status, permit.revoked_at, permit.revoke_reason = PermitStatus.REVOKED, timezone.now(), reason
    permit.save()
    _tell_requester(permit, _("Goods permit %(number)s revoked") % {"number": permit.number})
    return permit
