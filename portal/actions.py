"""Writes of the portal app, one function per action.

Anyone may submit a report; officers of the unit handling it, or of a unit above, triage,
assign, act, answer and close it. A bad value raises ValidationError keyed by field, the wrong
user PermissionDenied, a report in the wrong state ReportConflict (HTTP 409), too many attempts
RateLimited (HTTP 429); then nothing is written. Every officer's change is in the audit trail
(the portal app is audited) and in the report's own steps.
"""

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import Role, RoleAssignment, User
from enforcement.queries import visible_violations
from inspections.queries import visible_inspections
from lib import publiccache
from lib.conflict import Conflict
from territory.models import AdminUnit, Level, Organisation

from . import abuse, locating, moderation, photos
from .models import (
    OPEN_STATUSES,
    EventKind,
    Report,
    ReportCategory,
    ReportEvent,
    ReportPhoto,
    ReportStatus,
)
from .queries import visible_reports

TEXT_MIN, TEXT_MAX, NOTE_MAX = 10, 4000, 2000
DUPLICATE_WINDOW = timedelta(days=7)
_PHONE = re.compile(r"^(?:\+84|84|0)\d{9,10}$")
FIELDS = {"category", "text", "unit", "scheme", "lat", "lon", "place", "contact_name", "contact_phone"}


class ReportConflict(Conflict):
    """The report is not in a state that allows this (HTTP 409)."""


class RateLimited(Exception):
    """Too many reports from this address or device (HTTP 429)."""


def _refuse_unknown(values: Mapping[str, Any]) -> None:
    unknown = set(values) - FIELDS - {abuse.HONEYPOT_FIELD}
    if unknown:
        raise ValidationError({field: _("This field is not known.") for field in sorted(unknown)})


def _clean_report(values: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    code = str(values.get("category") or "").strip()
    category = ReportCategory.objects.filter(code=code, is_active=True).first() if code else None
    if category is None:
        errors["category"] = [
            _("Choose what the report is about.") if not code else _("Unknown category %(code)s.") % {"code": code}
        ]
    cleaned["category"] = category
    text = str(values.get("text") or "").strip()
    if not text:
        errors["text"] = [_("Write what happened.")]
    elif len(text) < TEXT_MIN:
        errors["text"] = [_("Write at least %(n)d characters.") % {"n": TEXT_MIN}]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("At most %(n)d characters.") % {"n": TEXT_MAX}]
    else:
        problem = moderation.problems_in_citizen_text(text)
        if problem:
            errors["text"] = [problem]
        elif Report.objects.filter(
            text_hash=abuse.text_fingerprint(text), received_at__gte=now - DUPLICATE_WINDOW
        ).exists():
            errors["text"] = [_("The same report has already been received; it is being handled.")]
    cleaned["text"] = text
    name = str(values.get("contact_name") or "").strip()
    if len(name) > 120:
        errors["contact_name"] = [_("At most %(n)d characters.") % {"n": 120}]
    elif markup := moderation.markup_problem(name):
        errors["contact_name"] = [markup]
    cleaned["contact_name"] = name
    phone = re.sub(r"[\s.\-()]", "", str(values.get("contact_phone") or ""))
    if phone and not _PHONE.match(phone):
        errors["contact_phone"] = [_("Write a Vietnamese phone number, e.g. 0912345678.")]
    cleaned["contact_phone"] = phone
    try:
        cleaned["location"] = locating.locate(
            unit=values.get("unit"),
            scheme=values.get("scheme"),
            latitude=values.get("lat"),
            longitude=values.get("lon"),
            place=values.get("place"),
        )
    except ValidationError as invalid:
        errors.update(invalid.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _officer_emails(unit: AdminUnit) -> list[str]:
    users = User.objects.filter(roles__unit=unit, roles__role=Role.OFFICER, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _notify(report_pk: int, subject: str) -> None:
    report = Report.objects.select_related("unit", "category").get(pk=report_pk)
    recipients = _officer_emails(report.escalated_to or report.unit)
    if recipients:
        body = _("Report %(code)s (%(category)s) in %(unit)s, due by %(due)s.") % {
            "code": report.tracking_code,
            "category": report.category.label,
            "unit": report.unit.name,
            "due": timezone.localtime(report.due_at).strftime("%d/%m/%Y"),
        }
        send_mail(subject, body, None, recipients, fail_silently=True)


def submit_report(
    values: Mapping[str, Any],
    uploads: list[Any] | None = None,
    *,
    client: abuse.Client,
    now: datetime | None = None,
    is_demo: bool = False,
) -> Report:
    """A citizen's report, routed to the commune (or district) of its location."""
    now = now or timezone.now()
    if not abuse.allow(client):
        raise RateLimited(_("Too many reports from this connection. Please wait a minute and try again."))
    if str(values.get(abuse.HONEYPOT_FIELD) or "").strip():
        raise ValidationError({"__all__": [_("The report could not be accepted.")]})
    _refuse_unknown(values)
    cleaned = _clean_report(values, now)
    images = photos.clean_photos(list(uploads or []))
    location: locating.Location = cleaned["location"]
    category: ReportCategory = cleaned["category"]
    with transaction.atomic():
        report = Report.objects.create(
            category=category,
            text=cleaned["text"],
            text_hash=abuse.text_fingerprint(cleaned["text"]),
            place_unit=location.place_unit,
            unit=location.unit,
            establishment=location.establishment,
            latitude=location.latitude,
            longitude=location.longitude,
            contact_name=cleaned["contact_name"],
            contact_phone=cleaned["contact_phone"],
            received_at=now,
            due_at=now + timedelta(days=category.deadline_days),
            is_demo=is_demo,
        )
        for index, image in enumerate(images, start=1):
            ReportPhoto.objects.create(
                report=report,
                name=_("Photo %(n)d") % {"n": index},
                content_type="image/jpeg",
                size=image.size,
                file=image,
            )
        ReportEvent.objects.create(report=report, kind=EventKind.RECEIVED, at=now, unit=location.unit)
        pk = report.pk
        transaction.on_commit(lambda: _notify(pk, _("New citizen's report")))
    return report


# Officers' actions ---------------------------------------------------------------------------


def _require_handler(report: Report, by: User) -> None:
    jurisdiction.require_unit(
        by,
        report.unit,
        change=True,
        message=_("Only officers of the unit handling this report, or above it, may do this."),
    )


def _require_status(report: Report, *allowed: str) -> None:
    if report.status not in allowed:
        raise ReportConflict(
            _("This cannot be done to a report that is %(status)s.") % {"status": report.get_status_display().lower()}
        )


def _note(text: Any, field: str, *, required: bool = False, public: bool = False) -> str:
    note = str(text or "").strip()
    if required and not note:
        raise ValidationError({field: _("This field is required.")})
    if len(note) > NOTE_MAX:
        raise ValidationError({field: _("At most %(n)d characters.") % {"n": NOTE_MAX}})
    problem = moderation.problems_in_public_text(note) if public else moderation.markup_problem(note)
    if problem:
        raise ValidationError({field: problem})
    return note


def _move(
    report: Report, by: User, status: str, kind: str, note: str = "", *, close: bool = False, **links: Any
) -> Report:
    """Save the report in its new status (closed now, with `close`) and record the officer's step."""
    report.status = status
    if close:
        report.closed_at = timezone.now()
    report.save()
    ReportEvent.objects.create(report=report, kind=kind, by=by, note=note, **links)
    publiccache.bump("reports", f"report:{report.tracking_code}")
    return report


@transaction.atomic
def accept_report(report: Report, by: User, public_text: Any) -> Report:
    """Accept for handling, with the text the public will see (no names of persons, no phone)."""
    _require_handler(report, by)
    _require_status(report, ReportStatus.RECEIVED)
    report.public_text = _note(public_text, "public_text", required=True, public=True)
    return _move(report, by, ReportStatus.ACCEPTED, EventKind.ACCEPTED)


@transaction.atomic
def reject_report(report: Report, by: User, reason: Any) -> Report:
    _require_handler(report, by)
    _require_status(report, ReportStatus.RECEIVED, ReportStatus.ACCEPTED)
    report.rejection_reason = _note(reason, "reason", required=True, public=True)
    return _move(report, by, ReportStatus.REJECTED, EventKind.REJECTED, report.rejection_reason, close=True)


@transaction.atomic
def mark_duplicate(report: Report, by: User, original: Any) -> Report:
    """The same matter as an earlier report (its tracking code or number) the officer can see."""
    _require_handler(report, by)
    _require_status(report, ReportStatus.RECEIVED, ReportStatus.ACCEPTED)
    key = str(original or "").strip()
    found = visible_reports(by).filter(Q(tracking_code=key.upper()) | Q(pk=int(key) if key.isdigit() else None)).first()
    if found is None or found.pk == report.pk:
        raise ValidationError({"duplicate_of": _("Give the tracking code of another report you can see.")})
    if found.status == ReportStatus.DUPLICATE:
        raise ValidationError({"duplicate_of": _("That report is itself a duplicate; give the original.")})
    report.duplicate_of = found
    return _move(report, by, ReportStatus.DUPLICATE, EventKind.DUPLICATE, found.tracking_code, close=True)


@transaction.atomic
def transfer_report(
    report: Report, by: User, *, unit: AdminUnit | None = None, organisation: Any = None, note: Any = ""
) -> Report:
    """To another commune or district of the province (handled there from now on), or to an
    agency outside the system (the report is then closed here)."""
    _require_handler(report, by)
    _require_status(report, *OPEN_STATUSES)
    text = _note(note, "note")
    if (unit is None) == (organisation in (None, "")):
        raise ValidationError({"unit": _("Give either a unit or an agency to transfer to.")})
    if unit is not None:
        province = locating.portal_province()
        if province is None or not unit.is_within(province) or unit.level not in (Level.DISTRICT, Level.COMMUNE):
            raise ValidationError({"unit": _("Transfer to a commune or district of the province.")})
        if unit.pk == report.unit_id:
            raise ValidationError({"unit": _("The report is already handled there.")})
        report.unit = unit
        report.escalated_to = None
        report.escalated_at = None
        report.assigned_to = None
        _move(report, by, ReportStatus.RECEIVED, EventKind.TRANSFERRED, text, unit=unit)
        pk = report.pk
        transaction.on_commit(lambda: _notify(pk, _("Citizen's report transferred to you")))
        return report
    agency = (
        organisation
        if isinstance(organisation, Organisation)
        else Organisation.objects.filter(code=str(organisation).strip()).first()
    )
    if agency is None:
        raise ValidationError({"organisation": _("No agency has code %(code)s.") % {"code": organisation}})
    report.transferred_to = agency
    return _move(report, by, ReportStatus.TRANSFERRED, EventKind.TRANSFERRED, text or agency.name, close=True)


@transaction.atomic
def assign_report(report: Report, by: User, assignee: User | None) -> Report:
    """To an officer or inspector working at the report's unit or above it, or in the assigner's jurisdiction."""
    _require_handler(report, by)
    _require_status(report, ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS)
    if assignee is None:
        raise ValidationError({"assignee": _("Choose who handles the report.")})
    roles = RoleAssignment.objects.filter(user=assignee, role__in=[Role.OFFICER, Role.INSPECTOR]).select_related("unit")
    fits = any(
        r.unit is not None and (report.unit.is_within(r.unit) or jurisdiction.can_see_unit(by, r.unit)) for r in roles
    )
    if not fits:
        raise ValidationError({"assignee": _("%(user)s does not work in this jurisdiction.") % {"user": assignee}})
    report.assigned_to = assignee
    return _move(report, by, ReportStatus.IN_PROGRESS, EventKind.ASSIGNED, str(assignee))


@transaction.atomic
def record_action(report: Report, by: User, note: Any, *, inspection: Any = None, violation: Any = None) -> Report:
    """What was done about it; may name the inspection or violation that followed."""
    _require_handler(report, by)
    _require_status(report, ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS)
    text = _note(note, "note", required=True)
    return _move(
        report, by, ReportStatus.IN_PROGRESS, EventKind.ACTION, text, inspection=inspection, violation=violation
    )


@transaction.atomic
def answer_report(report: Report, by: User, answer: Any) -> Report:
    """The official answer, published with the report and shown on its status page."""
    _require_handler(report, by)
    _require_status(report, ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS, ReportStatus.ANSWERED)
    report.answer = _note(answer, "answer", required=True, public=True)
    report.answered_at = timezone.now()
    return _move(report, by, ReportStatus.ANSWERED, EventKind.ANSWERED)


@transaction.atomic
def close_report(report: Report, by: User, note: Any = "") -> Report:
    _require_handler(report, by)
    _require_status(report, ReportStatus.ANSWERED)
    text = _note(note, "note")
    return _move(report, by, ReportStatus.CLOSED, EventKind.CLOSED, text, close=True)


def escalate_overdue(now: datetime | None = None) -> int:
    """Send every overdue open report one level up (again after each further deadline), once
    even when several runs overlap: the filtered update is the lock."""
    now = now or timezone.now()
    escalated = 0
    candidates = (
        Report.objects.filter(status__in=OPEN_STATUSES, due_at__lt=now)
        .select_related("unit__parent", "escalated_to__parent", "category")
        .order_by("due_at")
    )
    for report in candidates.iterator(chunk_size=500):
        current = report.escalated_to or report.unit
        target = current.parent
        if target is None:
            continue
        if (
            report.escalated_at is not None
            and report.escalated_at + timedelta(days=report.category.deadline_days) > now
        ):
            continue
        won = Report.objects.filter(pk=report.pk, escalated_at=report.escalated_at).update(
            escalated_to=target, escalated_at=now
        )
        if not won:
            continue
        ReportEvent.objects.create(report=report, kind=EventKind.ESCALATED, at=now, unit=target)
        publiccache.bump(f"report:{report.tracking_code}")
        escalated += 1
        transaction.on_commit(partial(_notify, report.pk, _("Overdue citizen's report escalated to you")))
    return escalated


OFFICER_ACTIONS = ("accept", "reject", "duplicate", "transfer", "assign", "record", "answer", "close")


def _linked(by: User, values: Mapping[str, Any]) -> dict[str, Any]:
    links: dict[str, Any] = {}
    for field, visible in (("inspection", visible_inspections), ("violation", visible_violations)):
        raw = str(values.get(field) or "").strip()
        if not raw:
            continue
        found = visible(by).filter(pk=int(raw)).first() if raw.isdigit() else None
        if found is None:
            raise ValidationError(
                {field: _("No %(what)s with number %(n)s is visible to you.") % {"what": field, "n": raw}}
            )
        links[field] = found
    return links


def perform(report: Report, by: User, action: str, values: Mapping[str, Any]) -> Report:
    """One officer's action named as in the API and the pages, with its values as sent."""
    _require_handler(report, by)
    if action == "accept":
        return accept_report(report, by, values.get("public_text"))
    if action == "reject":
        return reject_report(report, by, values.get("reason"))
    if action == "duplicate":
        return mark_duplicate(report, by, values.get("duplicate_of"))
    if action == "transfer":
        unit = None
        code = str(values.get("unit") or "").strip()
        if code:
            unit = AdminUnit.objects.filter(scheme=values.get("scheme") or report.unit.scheme, code=code).first()
            if unit is None:
                raise ValidationError({"unit": _("No unit has code %(code)s.") % {"code": code}})
        return transfer_report(report, by, unit=unit, organisation=values.get("organisation"), note=values.get("note"))
    if action == "assign":
        name = str(values.get("assignee") or "").strip()
        assignee = User.objects.filter(username=name, is_active=True).first() if name else None
        if name and assignee is None:
            raise ValidationError({"assignee": _("No user is called %(name)s.") % {"name": name}})
        return assign_report(report, by, assignee)
    if action == "record":
        return record_action(report, by, values.get("note"), **_linked(by, values))
    if action == "answer":
        return answer_report(report, by, values.get("answer"))
    if action == "close":
        return close_report(report, by, values.get("note"))
    raise ValidationError({"action": _("Unknown action %(action)s.") % {"action": action}})
