"""Every write of an exam or election: the event, its sites, each site's safety plan and its
review by the level above, the decision for a site in a very-high-risk area, the status reported
on the day, incidents and their response, closing the event, and chasing missing plans. Each
checks permission first, validates everything before writing, and writes in one transaction."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import Role, User
from lib.once import record_once
from safety.models import Establishment, EstablishmentType
from territory.models import AdminUnit

from . import queries
from .models import (
    PLACE_TYPES,
    ChecklistItem,
    DayStatus,
    Decision,
    Event,
    EventKind,
    Incident,
    IncidentAction,
    PlanReminder,
    PlanStatus,
    SafetyPlan,
    Site,
    StatusReport,
)

MAX_COUNT = 100_000


def _whole(value: Any, label: str, errors: dict[str, str], field: str) -> int:
    try:
        number = int(str(value).strip()) if value not in (None, "") else 0
    except ValueError:
        errors[field] = _("%(what)s: “%(value)s” is not a whole number.") % {"what": label, "value": value}
        return 0
    if number < 0:
        errors[field] = _("%(what)s cannot be negative.") % {"what": label}
    elif number > MAX_COUNT:
        errors[field] = _("%(what)s: %(value)d is not plausible.") % {"what": label, "value": number}
    return number


def _open(event: Event) -> None:
    if event.closed_at is not None:
        raise ValidationError(
            _("%(event)s was closed on %(day)s: nothing more can be reported.")
            % {"event": event.name, "day": timezone.localtime(event.closed_at).strftime("%d/%m/%Y")}
        )


def _require_site(user: User, site: Site) -> None:
    jurisdiction.require_unit(
        user,
        site.unit,
        change=True,
        message=_("%(site)s belongs to %(unit)s, which is not in your jurisdiction.")
        % {"site": site.name, "unit": site.unit.name},
    )


@dataclass
class EventData:
    name: str
    kind: str
    unit: AdminUnit
    starts_on: date | None
    ends_on: date | None
    plans_due_days: Any = 7


def create_event(data: EventData, by: User) -> Event:
    jurisdiction.require_unit(
        by, data.unit, change=True, message=_("%(unit)s is outside your jurisdiction.") % {"unit": data.unit.name}
    )
    errors: dict[str, str] = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = _("Give the event's name.")
    if data.kind not in EventKind.values:
        errors["kind"] = _("Choose election or exam.")
    if data.starts_on is None:
        errors["starts_on"] = _("Give the first day.")
    if data.ends_on is None:
        errors["ends_on"] = _("Give the last day.")
    elif data.starts_on and data.ends_on < data.starts_on:
        errors["ends_on"] = _("The last day is before the first.")
    due = _whole(data.plans_due_days, _("Days before"), errors, "plans_due_days")
    if errors:
        raise ValidationError(errors)
    assert data.starts_on is not None and data.ends_on is not None
    return Event.objects.create(
        name=name[:200],
        kind=data.kind,
        unit=data.unit,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        plans_due_days=min(due, 90),
        created_by=by,
    )


def add_site(event: Event, by: User, *, place: Establishment, name: str = "", owner: User | None = None) -> Site:
    """A polling area or exam site at a place of the event's type, inside both the event's area
    and the user's jurisdiction."""
    jurisdiction.require_unit(
        by,
        place.unit,
        change=True,
        message=_("%(place)s is in %(unit)s, outside your jurisdiction.")
        % {"place": place.name, "unit": place.unit.name},
    )
    _open(event)
    errors: dict[str, str] = {}
    if not place.unit.is_within(event.unit):
        errors["place"] = _("%(place)s is outside the area of %(event)s.") % {"place": place.name, "event": event.name}
    wanted = PLACE_TYPES[EventKind(event.kind)]
    if place.type.code != wanted:
        kind = EstablishmentType.objects.filter(code=wanted).first()
        errors["place"] = _("A site of this event is at a place of type “%(type)s”.") % {
            "type": kind.name if kind else wanted
        }
    if Site.objects.filter(event=event, place=place).exists():
        errors["place"] = _("%(place)s is already a site of this event.") % {"place": place.name}
    if owner is not None:
        _check_owner(by, Site(unit=place.unit, name=name or place.name), owner, errors)
    if errors:
        raise ValidationError(errors)
    return Site.objects.create(
        event=event, place=place, unit=place.unit, name=(name or place.name).strip()[:200], owner=owner
    )


def _check_owner(by: User, site: Site, owner: User, errors: dict[str, str]) -> None:
    if owner not in queries.owner_choices(by, site):
        errors["owner"] = _(
            "%(user)s cannot be responsible for %(site)s: choose an officer of %(unit)s or a level above it "
            "within your jurisdiction."
        ) % {"user": owner, "site": site.name, "unit": site.unit.name}


def set_site_owner(site: Site, by: User, *, owner: User | None) -> Site:
    """Make a user of the site's unit or a unit above it responsible for the site (None: nobody)."""
    _require_site(by, site)
    _open(site.event)
    errors: dict[str, str] = {}
    if owner is not None:
        _check_owner(by, site, owner, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        site.owner = owner
        site.save(update_fields=["owner", "path"])
    return site


def _checklist(event: Event) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(event_kind=event.kind))


def submit_plan(
    site: Site, by: User, *, answers: dict[str, Any], notes: str = "", now: datetime | None = None
) -> SafetyPlan:
    """The site's safety plan, every item of the checklist answered; it then awaits approval."""
    _require_site(by, site)
    _open(site.event)
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for item in _checklist(site.event):
        value = answers.get(item.code)
        if item.counts:
            cleaned[item.code] = _whole(value, item.text, errors, item.code)
        elif value in (True, "1", "on", "yes", "true", 1):
            cleaned[item.code] = True
        elif value in (False, "0", "no", "false", 0, None, ""):
            cleaned[item.code] = False
        else:
            errors[item.code] = _("%(item)s: answer yes or no.") % {"item": item.text}
    unknown = sorted(set(answers) - {i.code for i in _checklist(site.event)})
    if unknown:
        errors["answers"] = _("Not in the checklist: %(codes)s.") % {"codes": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        plan = SafetyPlan.objects.filter(site=site).first() or SafetyPlan(site=site)
        plan.answers, plan.notes, plan.author, plan.submitted_at = cleaned, (notes or "").strip()[:2000], by, now
        plan.reviewed_by, plan.reviewed_at, plan.review_note = None, None, ""
        plan.save()
        site.plan_status = PlanStatus.SUBMITTED
        site.save(update_fields=["plan_status", "path"])
    return plan


def review_plan(site: Site, by: User, *, approve: bool, note: str = "", now: datetime | None = None) -> SafetyPlan:
    """Approve or return a plan: the level above the site's unit does it, never the plan's author."""
    above = site.unit.parent or site.unit
    jurisdiction.require_unit(
        by, above, change=True, message=_("A plan is reviewed by the level above the site's unit.")
    )
    _open(site.event)
    plan = SafetyPlan.objects.filter(site=site).first()
    if plan is None or site.plan_status == PlanStatus.MISSING:
        raise ValidationError(_("This site has no plan to review."))
    if plan.author_id == by.pk:
        raise ValidationError(_("A plan cannot be approved by the person who wrote it."))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say what must change in the plan.")})
    with transaction.atomic():
        plan.reviewed_by, plan.reviewed_at, plan.review_note = by, now or timezone.now(), note[:300]
        plan.save()
        site.plan_status = PlanStatus.APPROVED if approve else PlanStatus.RETURNED
        site.save(update_fields=["plan_status", "path"])
    return plan


def decide(site: Site, by: User, *, decision: str, note: str) -> Site:
    """For a site in a very-high-risk area: hold it, move it, postpone, or use the mobile box only."""
    jurisdiction.require_unit(
        by, site.unit.parent or site.unit, change=True, message=_("The level above the site's unit decides.")
    )
    _open(site.event)
    if decision not in Decision.values or not decision:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not (note or "").strip():
        raise ValidationError({"decision_note": _("Give the reason for the decision.")})
    site.decision, site.decision_note = decision, note.strip()[:300]
    site.save(update_fields=["decision", "decision_note", "path"])
    return site


def report_status(
    site: Site,
    by: User,
    *,
    status: str,
    present: Any = 0,
    mobile_served: Any = 0,
    incident: str = "",
    now: datetime | None = None,
) -> StatusReport:
    """The status a site reports on the day; an incident opens a response record."""
    _require_site(by, site)
    _open(site.event)
    errors: dict[str, str] = {}
    if status not in DayStatus.values or status == DayStatus.NOT_REPORTED:
        errors["status"] = _("Choose opened, normal, incident or closed.")
    people = _whole(present, _("People present"), errors, "present")
    served = _whole(mobile_served, _("People served by the mobile ballot box"), errors, "mobile_served")
    incident = (incident or "").strip()
    if status == DayStatus.INCIDENT and not incident and not site.incidents.filter(closed_at__isnull=True).exists():
        errors["incident"] = _("Say what happened (a suspected case, without names).")
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        report = StatusReport.objects.create(
            site=site, status=status, present=people, mobile_served=served, reported_at=now, reported_by=by
        )
        site.status, site.present, site.mobile_served, site.reported_at = status, people, served, now
        site.save(update_fields=["status", "present", "mobile_served", "reported_at", "path"])
        if status == DayStatus.INCIDENT and incident:
            Incident.objects.create(site=site, opened_at=now, description=incident[:500], opened_by=by)
    return report


def add_response(
    incident: Incident, by: User, *, text: str, close: bool = False, at: datetime | None = None
) -> IncidentAction:
    """A timed action of the response to an incident (isolation, disinfection, tracing…)."""
    site = incident.site
    jurisdiction.require(
        jurisdiction.can_change_unit(by, site.unit) or jurisdiction.can_change_unit(by, site.unit.parent or site.unit),
        _("%(site)s is not in your jurisdiction.") % {"site": site.name},
    )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what was done.")})
    if incident.closed_at is not None:
        raise ValidationError(_("This incident is closed."))
    at = at or timezone.now()
    with transaction.atomic():
        action = IncidentAction.objects.create(incident=incident, at=at, text=text[:500], by=by)
        if close:
            incident.closed_at = at
            incident.save(update_fields=["closed_at"])
    return action


def close_event(event: Event, by: User, now: datetime | None = None) -> Event:
    jurisdiction.require_unit(by, event.unit, change=True, message=_("Only the organisers close the event."))
    _open(event)
    event.closed_at = now or timezone.now()
    event.save(update_fields=["closed_at"])
    return event


def send_plan_reminders(today: date | None = None) -> int:
    """Chase every site whose plan is missing or unapproved within the event's last days before
    it starts: once per site and day, even when several runs overlap."""
    today = today or timezone.localdate()
    sent = 0
    for event in Event.objects.filter(closed_at__isnull=True, starts_on__gte=today):
        if (event.starts_on - today).days > event.plans_due_days:
            continue
        waiting = (
            Site.objects.filter(event=event)
            .exclude(plan_status=PlanStatus.APPROVED)
            .exclude(pk__in=PlanReminder.objects.filter(day=today).values("site_id"))
        )
        for site in waiting:
            if record_once(PlanReminder, partial(_email_plan_reminder, site.pk), site=site, day=today):
                sent += 1
    return sent


def _email_plan_reminder(site_id: int) -> None:
    site = Site.objects.select_related("event", "owner", "unit").get(pk=site_id)
    officers = User.objects.filter(roles__role=Role.OFFICER, roles__unit=site.unit, is_active=True).exclude(email="")
    to = sorted({u.email for u in officers} | ({site.owner.email} if site.owner and site.owner.email else set()))
    if not to:
        return
    send_mail(
        _("Safety plan needed: %(site)s, %(event)s") % {"site": site.name, "event": site.event.name},
        _("The safety plan of %(site)s is %(state)s; the event starts on %(day)s: %(link)s")
        % {
            "site": site.name,
            "state": site.get_plan_status_display().lower(),
            "day": site.event.starts_on.strftime("%d/%m/%Y"),
            "link": reverse("events:site", args=[site.event_id, site.pk]),
        },
        settings.DEFAULT_FROM_EMAIL,
        to,
        fail_silently=True,
    )
