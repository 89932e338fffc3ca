"""Writes of the enforcement app, one function per action.

Inspectors and officers record violations in their jurisdiction; only officers of the
violation's unit or above decide, publish and withdraw. Every text that may be published is
checked for ID and phone numbers. A bad value raises ValidationError keyed by field, the
wrong user PermissionDenied, the wrong state ViolationConflict (HTTP 409); then nothing is
written.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from inspections.models import Inspection, TargetKind
from inspections.queries import visible_inspections
from lib import attachments, uploads
from lib.checks import text_field
from lib.conflict import Conflict
from lib.privacy import check_public_text
from safety.models import Establishment
from territory.models import AdminUnit

from .models import Evidence, OffenderKind, Violation, ViolationStatus, ViolationType

FIELDS = (
    "offender_kind",
    "establishment",
    "offender_name",
    "is_official",
    "position",
    "agency",
    "type",
    "act",
    "unit",
    "scheme",
    "occurred_on",
    "inspection",
)
LIMITS = {
    "offender_name": 200,
    "position": 200,
    "agency": 200,
    "act": 2000,
    "decision_number": 60,
    "decision_authority": 200,
    "fine_reason": 1000,
    "withdrawal_reason": 1000,
}
PUBLIC_TEXT = ("offender_name", "position", "agency", "act")
EARLIEST = date(2000, 1, 1)


class ViolationConflict(Conflict):
    """The violation is not in a state that allows this (HTTP 409)."""


def _text(values: Mapping[str, Any], field: str, errors: dict[str, str], *, required: bool = False) -> str:
    return text_field(values, field, LIMITS, errors, required=required)


def _find_place(value: Any) -> Any:
    if value is None or value == "" or isinstance(value, Establishment):
        return value or None
    text = str(value).strip()
    if text.isdigit():
        return Establishment.objects.select_related("unit").filter(pk=int(text)).first()
    return Establishment.objects.select_related("unit").filter(public_code=text.upper()).first()


def _find_unit(value: Any, scheme: str | None) -> AdminUnit | None:
    if isinstance(value, AdminUnit):
        return value
    code = str(value or "").strip()
    if not code:
        return None
    return AdminUnit.objects.filter(scheme=scheme or settings.DEFAULT_SCHEME, code=code).first()


def _find_type(value: Any) -> ViolationType | None:
    if isinstance(value, ViolationType):
        return value
    return ViolationType.objects.filter(code=str(value or "").strip()).first()


def _find_inspection(by: User, value: Any) -> Inspection | None:
    if isinstance(value, Inspection):
        return value
    if value in (None, ""):
        return None
    try:
        return visible_inspections(by).filter(pk=int(value)).select_related("target_place").first()
    except (TypeError, ValueError):
        return None


def _clean(by: User, values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Typed values of a violation, every bad one reported at once; PermissionDenied when the
    unit or place lies outside the user's jurisdiction."""
    errors: dict[str, str] = {}
    unknown = set(values) - set(FIELDS)
    errors.update({field: _("This field is not known.") for field in sorted(unknown)})
    cleaned: dict[str, Any] = {}
    kind = values.get("offender_kind") or ""
    if kind not in OffenderKind.values:
        errors["offender_kind"] = _("Who must be one of: %(values)s.") % {"values": ", ".join(OffenderKind.values)}
    cleaned["offender_kind"] = kind
    place = None
    if kind == OffenderKind.PLACE:
        place = _find_place(values.get("establishment"))
        if place is None:
            errors["establishment"] = _("Give the place (its number or public code).")
    elif values.get("establishment"):
        errors["establishment"] = _("A place is given only when the offender is a registered place.")
    cleaned["establishment"] = place
    name = _text(values, "offender_name", errors, required=kind != OffenderKind.PLACE)
    cleaned["offender_name"] = name or (place.name if place is not None else "")
    is_official = bool(values.get("is_official"))
    if is_official and kind != OffenderKind.PERSON:
        errors["is_official"] = _("Only a person can be a state official.")
    cleaned["is_official"] = is_official
    cleaned["position"] = _text(values, "position", errors, required=is_official)
    cleaned["agency"] = _text(values, "agency", errors, required=is_official)
    if not is_official:
        cleaned["position"] = cleaned["agency"] = ""
    kind_of_act = _find_type(values.get("type"))
    if kind_of_act is None:
        errors["type"] = _("No violation type has code %(code)s.") % {"code": values.get("type") or "—"}
    elif not kind_of_act.is_active:
        errors["type"] = _("This violation type is no longer in use.")
    cleaned["type"] = kind_of_act
    cleaned["act"] = _text(values, "act", errors, required=True)
    unit = place.unit if place is not None else _find_unit(values.get("unit"), values.get("scheme"))
    if unit is None and "establishment" not in errors:
        errors["unit"] = _("Give the code of the unit where it happened.")
    cleaned["unit"] = unit
    occurred_on = values.get("occurred_on")
    if not isinstance(occurred_on, date):
        errors["occurred_on"] = _("Give the date it happened.")
    elif occurred_on > today:
        errors["occurred_on"] = _("The date cannot be in the future.")
    elif occurred_on < EARLIEST:
        errors["occurred_on"] = _("The date is too far in the past.")
    cleaned["occurred_on"] = occurred_on
    inspection = _find_inspection(by, values.get("inspection"))
    if values.get("inspection") not in (None, "") and inspection is None:
        errors["inspection"] = _("No inspection with this number is visible to you.")
    elif (
        inspection is not None
        and place is not None
        and inspection.target_kind == TargetKind.PLACE
        and inspection.target_place_id != place.pk
    ):
        errors["inspection"] = _("This inspection was of another place.")
    cleaned["inspection"] = inspection
    errors.update(
        {k: v for k, v in check_public_text({f: cleaned[f] for f in PUBLIC_TEXT}, Violation).items() if k not in errors}
    )
    if unit is not None:
        jurisdiction.require_unit(by, unit, message=_("%(unit)s is outside your jurisdiction.") % {"unit": unit.name})
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def record_violation(
    by: User, values: Mapping[str, Any], *, today: date | None = None, is_demo: bool = False
) -> Violation:
    """A draft violation, recorded by an inspector or officer of the unit or above."""
    jurisdiction.require(
        by.is_superuser or bool(jurisdiction.unit_paths(by)), _("Only officers and inspectors record violations.")
    )
    cleaned = _clean(by, values, today or timezone.localdate())
    return Violation.objects.create(**cleaned, created_by=by, is_demo=is_demo)


@transaction.atomic
def update_violation(
    violation: Violation, by: User, values: Mapping[str, Any], *, today: date | None = None
) -> Violation:
    """Correct a draft; a decided violation is changed only by withdrawing it."""
    jurisdiction.require_unit(by, violation.unit, message=_("You may not change this violation."))
    locked = Violation.objects.select_for_update().get(pk=violation.pk)
    if locked.status != ViolationStatus.DRAFT:
        raise ViolationConflict(_("Only a draft can be changed; withdraw a decided violation instead."))
    current = {
        "offender_kind": locked.offender_kind,
        "establishment": locked.establishment,
        "offender_name": locked.offender_name,
        "is_official": locked.is_official,
        "position": locked.position,
        "agency": locked.agency,
        "type": locked.type,
        "act": locked.act,
        "unit": locked.unit,
        "occurred_on": locked.occurred_on,
        "inspection": locked.inspection,
    }
    cleaned = _clean(by, {**current, **values}, today or timezone.localdate())
    for key, value in cleaned.items():
        setattr(locked, key, value)
    locked.save()
    return locked


def _require_officer(by: User, violation: Violation) -> None:
    jurisdiction.require_unit(
        by,
        violation.unit,
        change=True,
        message=_("Only officers of %(unit)s or above decide on this violation.") % {"unit": violation.unit},
    )


def _lock(violation: Violation) -> Violation:
    return Violation.objects.select_for_update().select_related("type", "unit").get(pk=violation.pk)


def _require_status(locked: Violation, status: str) -> None:
    """Refuse (ViolationConflict) unless the violation is still in `status`."""
    if locked.status != status:
        raise ViolationConflict(
            _("This violation is already %(status)s.") % {"status": locked.get_status_display().lower()}
        )


def _move(locked: Violation, status: str, step: str, by: User) -> Violation:
    """Save the violation in its new status with who took the step and when (`<step>_by`, `<step>_at`)."""
    locked.status = status
    setattr(locked, f"{step}_at", timezone.now())
    setattr(locked, f"{step}_by", by)
    locked.save()
    return locked


@transaction.atomic
def decide_violation(
    violation: Violation,
    by: User,
    *,
    decision_number: str,
    decision_date: date | None,
    decision_authority: str = "",
    fine_amount: int | None = None,
    fine_reason: str = "",
    today: date | None = None,
) -> Violation:
    """Record the sanctioning decision: a fine within the type's range, or no fine with a reason."""
    _require_officer(by, violation)
    locked = _lock(violation)
    _require_status(locked, ViolationStatus.DRAFT)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    values = {"decision_number": decision_number, "decision_authority": decision_authority, "fine_reason": fine_reason}
    decision_number = _text(values, "decision_number", errors, required=True)
    decision_authority = _text(values, "decision_authority", errors)
    fine_reason = _text(values, "fine_reason", errors)
    if decision_date is None:
        errors["decision_date"] = _("Give the date of the decision.")
    elif decision_date > today:
        errors["decision_date"] = _("The decision date cannot be in the future.")
    elif decision_date < locked.occurred_on:
        errors["decision_date"] = _("The decision cannot come before the violation.")
    kind = locked.type
    low = kind.fine_min or 0
    if fine_amount is None:
        if not fine_reason:
            errors["fine_reason"] = _("Give the fine, or say why there is none (e.g. a warning).")
    elif isinstance(fine_amount, bool) or not isinstance(fine_amount, int) or not low <= fine_amount <= kind.fine_max:
        errors["fine_amount"] = _("For this act the fine lies between %(low)s and %(high)s đồng.") % {
            "low": f"{low:,}".replace(",", "."),
            "high": f"{kind.fine_max:,}".replace(",", "."),
        }
    errors.update(
        {
            k: v
            for k, v in check_public_text(
                {
                    "decision_number": decision_number,
                    "decision_authority": decision_authority,
                    "fine_reason": fine_reason,
                },
                Violation,
            ).items()
            if k not in errors
        }
    )
    if errors:
        raise ValidationError(errors)
    locked.decision_number = decision_number
    locked.decision_date = decision_date
    locked.decision_authority = decision_authority
    locked.fine_amount = fine_amount
    locked.fine_reason = fine_reason
    return _move(locked, ViolationStatus.DECIDED, "decided", by)


@transaction.atomic
def publish_violation(violation: Violation, by: User) -> Violation:
    """Disclose a decided violation on the public list, its feed and the place's page."""
    _require_officer(by, violation)
    locked = _lock(violation)
    if locked.status == ViolationStatus.DRAFT:
        raise ViolationConflict(_("A violation is published only after its decision: record the decision first."))
    _require_status(locked, ViolationStatus.DECIDED)
    return _move(locked, ViolationStatus.PUBLISHED, "published", by)


@transaction.atomic
def withdraw_violation(violation: Violation, by: User, *, reason: str) -> Violation:
    """Take a violation back (from the public list too); the record and its history stay."""
    _require_officer(by, violation)
    locked = _lock(violation)
    if locked.status == ViolationStatus.WITHDRAWN:
        raise ViolationConflict(_("This violation is already withdrawn."))
    errors: dict[str, str] = {}
    reason = _text({"withdrawal_reason": reason}, "withdrawal_reason", errors, required=True)
    if errors:
        raise ValidationError(errors)
    locked.withdrawal_reason = reason
    return _move(locked, ViolationStatus.WITHDRAWN, "withdrawn", by)


@transaction.atomic
def attach_evidence(violation: Violation, by: User, upload: Any) -> Evidence:
    """Keep a photo or PDF (checked by content, at most 5 MB) with the violation; never public."""
    jurisdiction.require_unit(by, violation.unit, message=_("You may not add evidence to this violation."))
    if violation.status == ViolationStatus.WITHDRAWN:
        raise ViolationConflict(_("This violation is withdrawn."))
    content_type = attachments.check(upload)
    name = uploads.display_name(upload.name)
    evidence = Evidence(violation=violation, name=name, content_type=content_type, size=upload.size, uploaded_by=by)
    evidence.file.save(name, upload, save=False)
    evidence.save()
    return evidence
