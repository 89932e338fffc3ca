"""Every write of readiness: declare a unit's resources, upload its plan, pledge from the level
above, record a drill, remind late units. Each checks permission first, validates everything
before writing anything, writes in one transaction (the audit entries come with it) and keeps
the unit's gaps current."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import Role, User
from inspections import actions as inspections
from inspections import queries as inspection_queries
from lib import attachments
from lib.once import record_once
from lib.uploads import display_name
from territory.models import AdminUnit

from . import gaps, periods, queries
from .models import (
    CommitteeMember,
    Drill,
    PeriodReminder,
    PeriodReport,
    PlanDocument,
    Pledge,
    Profile,
    ReportingCycle,
    ResourceKind,
    Scenario,
    Stock,
    Verification,
    VerifiedLine,
)

MAX_QUANTITY = 10_000_000
MAX_MEMBERS = 40
# A landline (02x…), a hotline (1800/1900…) or a short emergency number; never a mobile.
OFFICE_PHONE = re.compile(r"^(02\d{8,9}|1[89]00\d{4,6}|11[345])$")
MOBILE_PHONE = re.compile(r"^(\+?84|0)[35789]\d{8}$")


def require_change(user: User, unit: AdminUnit) -> None:
    jurisdiction.require_unit(
        user, unit, change=True, message=_("%(unit)s is outside your jurisdiction.") % {"unit": unit.name}
    )


def parse_quantity(value: Any, label: str, errors: dict[str, str], field: str) -> int | None:
    """A whole number ≥ 0, or an error in `errors` under `field` saying what is wrong."""
    if value is None or (isinstance(value, str) and not value.strip()):
        errors[field] = _("%(kind)s: enter a quantity.") % {"kind": label}
        return None
    if isinstance(value, bool):
        value = str(value)
    try:
        number = int(value.strip()) if isinstance(value, str) else int(value)
        if not isinstance(value, str) and number != value:
            raise ValueError
    except (TypeError, ValueError):
        errors[field] = _("%(kind)s: “%(value)s” is not a whole number.") % {"kind": label, "value": value}
        return None
    if number < 0:
        errors[field] = _("%(kind)s: a quantity cannot be negative.") % {"kind": label}
        return None
    if number > MAX_QUANTITY:
        errors[field] = _("%(kind)s: %(value)s is not plausible.") % {"kind": label, "value": number}
        return None
    return number


@dataclass
class StockValue:
    quantity: Any
    in_use: Any = None


@dataclass
class Member:
    committee_role: str
    position: str
    name: str = ""


def check_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if not digits:
        return ""
    if MOBILE_PHONE.match(digits):
        raise ValidationError(
            {"duty_phone": _("Enter the office's on-duty line: a mobile number is personal and is not published.")}
        )
    if not OFFICE_PHONE.match(digits):
        raise ValidationError({"duty_phone": _("Enter an office landline such as 0261 3544 123, or a hotline.")})
    return digits


def _check_stocks(values: dict[str, StockValue]) -> dict[ResourceKind, tuple[int, int | None]]:
    kinds = {k.code: k for k in ResourceKind.objects.filter(code__in=values, is_active=True).select_related("measure")}
    errors: dict[str, str] = {}
    checked: dict[ResourceKind, tuple[int, int | None]] = {}
    for code, value in values.items():
        kind = kinds.get(code)
        if kind is None:
            errors[code] = _("“%(code)s” is not a resource kind in use.") % {"code": code}
            continue
        quantity = parse_quantity(value.quantity, kind.name, errors, code)
        in_use = None
        if value.in_use not in (None, ""):
            if not kind.tracks_use:
                errors[f"{code}.in_use"] = _("%(kind)s: no quantity in use is kept for this kind.") % {
                    "kind": kind.name
                }
                continue
            in_use = parse_quantity(value.in_use, kind.name, errors, f"{code}.in_use")
        if quantity is not None and in_use is not None and in_use > quantity:
            errors[f"{code}.in_use"] = _("%(kind)s: %(in_use)d in use is more than the %(quantity)d there are.") % {
                "kind": kind.name,
                "in_use": in_use,
                "quantity": quantity,
            }
        if quantity is not None and code not in errors and f"{code}.in_use" not in errors:
            checked[kind] = (quantity, in_use)
    if errors:
        raise ValidationError(errors)
    return checked


def _check_members(members: list[Member]) -> list[Member]:
    if len(members) > MAX_MEMBERS:
        raise ValidationError({"members": _("At most %(n)d committee members.") % {"n": MAX_MEMBERS}})
    cleaned = []
    for number, member in enumerate(members, start=1):
        role, position = (member.committee_role or "").strip(), (member.position or "").strip()
        if not role or not position:
            raise ValidationError(
                {"members": _("Member %(n)d: give the role in the committee and the position.") % {"n": number}}
            )
        cleaned.append(Member(role[:80], position[:150], (member.name or "").strip()[:120]))
    return cleaned


def declare(
    unit: AdminUnit,
    by: User,
    *,
    stocks: dict[str, StockValue] | None = None,
    duty_phone: str | None = None,
    committee_name: str | None = None,
    members: list[Member] | None = None,
    now: datetime | None = None,
) -> None:
    """Write what the unit declares (any of its stocks, its committee, its duty phone): all of
    it or, when anything is wrong, none of it."""
    require_change(by, unit)
    checked = _check_stocks(stocks) if stocks else {}
    phone = check_phone(duty_phone) if duty_phone is not None else None
    cleaned_members = _check_members(members) if members is not None else None
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        if phone is not None or committee_name is not None:
            profile, _created = Profile.objects.get_or_create(unit=unit)
            if phone is not None:
                profile.duty_phone = phone
            if committee_name is not None:
                profile.committee_name = committee_name.strip()[:200]
            profile.save()
        if cleaned_members is not None:
            for old in CommitteeMember.objects.filter(unit=unit):
                old.delete()
            for order, member in enumerate(cleaned_members):
                CommitteeMember.objects.create(
                    unit=unit,
                    committee_role=member.committee_role,
                    position=member.position,
                    name=member.name,
                    order=order,
                )
        if checked:
            for kind, (quantity, in_use) in checked.items():
                stock = Stock.objects.filter(unit=unit, kind=kind).first() or Stock(unit=unit, kind=kind)
                if stock.pk and (stock.quantity, stock.in_use) == (quantity, in_use) and stock.updated_on == today:
                    continue
                stock.quantity, stock.in_use, stock.updated_on, stock.updated_by = quantity, in_use, today, by
                stock.save()
            _record_period(unit, by, now)
            gaps.recompute([unit])


def _record_period(unit: AdminUnit, by: User, now: datetime) -> None:
    cycle = periods.cycle_for(unit)
    if cycle is None or not periods.reports(cycle, unit):
        return
    today = timezone.localdate(now)
    start = periods.period_start(cycle, today)
    if not PeriodReport.objects.filter(unit=unit, period_start=start).exists():
        PeriodReport.objects.create(
            unit=unit,
            period_start=start,
            submitted_at=now,
            on_time=today <= periods.due_on(cycle, start),
            submitted_by=by,
        )


def upload_plan(unit: AdminUnit, by: User, *, title: str, upload: Any) -> PlanDocument:
    """A new version of the unit's plan; earlier versions stay as they were."""
    require_change(by, unit)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the plan's title.")})
    content_type = attachments.check(upload, "file")
    with transaction.atomic():
        Profile.objects.get_or_create(unit=unit)
        Profile.objects.select_for_update().filter(unit=unit).first()  # one new version at a time
        latest = PlanDocument.objects.filter(unit=unit).aggregate(v=Max("version"))["v"] or 0
        return PlanDocument.objects.create(
            unit=unit,
            version=latest + 1,
            title=title[:200],
            file=upload,
            name=display_name(getattr(upload, "name", "")),
            content_type=content_type,
            size=upload.size,
            uploaded_by=by,
        )


def pledge(unit: AdminUnit, by_unit: AdminUnit, by: User, *, kind: ResourceKind, quantity: Any) -> Pledge | None:
    """What `by_unit` (a level above `unit`) promises to lend it; 0 withdraws the pledge."""
    require_change(by, by_unit)
    if by_unit.pk == unit.pk or not unit.is_within(by_unit):
        raise ValidationError({"unit": _("A pledge is made by a level above the unit it helps.")})
    errors: dict[str, str] = {}
    number = parse_quantity(quantity, kind.name, errors, "quantity")
    if number is None:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = Pledge.objects.filter(unit=unit, by_unit=by_unit, kind=kind).first()
        result: Pledge | None
        if number == 0:
            if existing:
                existing.delete()
            result = None
        else:
            result = existing or Pledge(unit=unit, by_unit=by_unit, kind=kind)
            result.quantity, result.updated_on = number, timezone.localdate()
            result.save()
        gaps.recompute([unit])
    return result


def record_drill(
    unit: AdminUnit, by: User, *, held_on: Any, scenario: Scenario | None, participants: Any, findings: str
) -> Drill:
    require_change(by, unit)
    errors: dict[str, str] = {}
    day = held_on if isinstance(held_on, date) else None
    if day is None:
        try:
            day = date.fromisoformat(str(held_on or ""))
        except ValueError:
            errors["held_on"] = _("Give the day of the drill.")
    if day is not None and day > timezone.localdate():
        errors["held_on"] = _("A drill is recorded after it is held.")
    if scenario is None:
        errors["scenario"] = _("Choose the scenario drilled.")
    people = parse_quantity(participants, _("Participants"), errors, "participants")
    findings = (findings or "").strip()
    if not findings:
        errors["findings"] = _("Write down what the drill found.")
    if errors:
        raise ValidationError(errors)
    assert day is not None and scenario is not None and people is not None
    return Drill.objects.create(
        unit=unit, held_on=day, scenario=scenario, participants=people, findings=findings[:5000], recorded_by=by
    )


@dataclass
class Counted:
    """What the inspectors counted of one kind on the spot, and a note."""

    verified: Any
    note: str = ""


MAX_NOTE = 300


def verify(
    unit: AdminUnit,
    by: User,
    *,
    inspected_on: date | None,
    counted: dict[str, Counted],
    outcome: str,
    inspectors: str = "",
    findings: str = "",
    fix_by: date | None = None,
    today: date | None = None,
) -> Verification:
    """A readiness inspection of `unit` by the level above: every kind the unit declared counted
    on the spot. It is recorded as an inspection of the unit (no checklist; outcome, findings,
    fixes as for any inspection) with the declared and verified figures beside each other, and
    the unit's gaps count the verified figures from then on. All of it, or nothing."""
    by_unit = inspection_queries.inspecting_unit_for(by, unit)
    inspection_queries.check_target(by, by_unit, unit)
    declared = {stock.kind.code: stock for stock in queries.declared_stocks(unit)}
    errors: dict[str, str] = {}
    if not declared:
        errors["lines"] = _("%(unit)s has declared no resources: there is nothing to verify.") % {"unit": unit.name}
    for code in sorted(set(counted) - set(declared)):
        errors[code] = _("“%(code)s” is not among the resources %(unit)s declared.") % {"code": code, "unit": unit.name}
    lines: list[tuple[Stock, int, str]] = []
    for code, stock in declared.items():
        value = counted.get(code)
        number = parse_quantity(value.verified if value else None, stock.kind.name, errors, code)
        note = (value.note or "").strip() if value else ""
        if len(note) > MAX_NOTE:
            errors[f"{code}.note"] = _("%(kind)s: a note has at most %(n)d characters.") % {
                "kind": stock.kind.name,
                "n": MAX_NOTE,
            }
        if number is not None:
            lines.append((stock, number, note))
    day = inspected_on or today or timezone.localdate()
    with transaction.atomic():
        try:
            inspection = inspections.inspect_now(
                by,
                target=unit,
                unit=by_unit,
                schedule=inspections.Schedule(day, day),
                unit_checklist=False,
                record={
                    "inspected_on": inspected_on,
                    "answers": {},
                    "outcome": outcome,
                    "inspectors": inspectors,
                    "findings": findings,
                    "fix_by": fix_by,
                    "today": today,
                },
            )
        except ValidationError as invalid:
            errors.update({key: " ".join(messages) for key, messages in invalid.message_dict.items()})
        if errors:
            raise ValidationError(errors)
        assert inspected_on is not None
        verification = Verification.objects.create(inspection=inspection, unit=unit, inspected_on=inspected_on)
        for stock, number, note in lines:
            VerifiedLine.objects.create(
                verification=verification,
                kind=stock.kind,
                declared=stock.quantity,
                declared_on=stock.updated_on,
                verified=number,
                note=note,
            )
        # The inspection's result: how many kinds were found as declared (or more).
        matched = sum(1 for stock, number, _note in lines if number >= stock.quantity)
        inspection.result_label = _("%(matched)d of %(total)d kinds as declared") % {
            "matched": matched,
            "total": len(lines),
        }
        inspection.score, inspection.max_score = Decimal(matched), Decimal(len(lines))
        inspection.percent = (Decimal(matched) * 100 / len(lines)).quantize(Decimal("0.1"))
        inspection.save(update_fields=["result_label", "score", "max_score", "percent"])
        gaps.recompute([unit])
    return verification


def send_reminders(today: date | None = None) -> int:
    """Remind the officers of every unit late with its stock update for the current period, once
    per unit and period even when several runs overlap."""
    today = today or timezone.localdate()
    sent = 0
    for cycle in ReportingCycle.objects.select_related("province"):
        start = periods.period_start(cycle, today)
        if today <= periods.due_on(cycle, start) or start < cycle.starts_on:
            continue
        late = (
            AdminUnit.objects.filter(path__under=cycle.province.path, level__in=cycle.levels)
            .exclude(pk__in=PeriodReport.objects.filter(period_start=start).values("unit_id"))
            .exclude(pk__in=PeriodReminder.objects.filter(period_start=start).values("unit_id"))
        )
        for unit in late:
            if record_once(PeriodReminder, partial(_email_reminder, unit.pk, start), unit=unit, period_start=start):
                sent += 1
    return sent


def _email_reminder(unit_id: int, start: date) -> None:
    unit = AdminUnit.objects.get(pk=unit_id)
    to = sorted(
        set(
            User.objects.filter(roles__role=Role.OFFICER, roles__unit=unit, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not to:
        return
    send_mail(
        _("Reminder: update the readiness figures of %(unit)s") % {"unit": unit.name},
        _("The stock update for the period from %(date)s is late: %(link)s")
        % {"date": start.strftime("%d/%m/%Y"), "link": reverse("readiness:unit", args=[unit.scheme, unit.code])},
        settings.DEFAULT_FROM_EMAIL,
        to,
        fail_silently=True,
    )


def recompute_gaps(units: list[AdminUnit] | None = None) -> int:
    return gaps.recompute(units)
