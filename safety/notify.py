"""Reminders: owners before their self-assessment expires, commune officers once it has.

Email goes through Django's mail backend; SMS through the sender named by settings.SMS_BACKEND
(a dotted path to a class with `send(phone, text)`), by default one that writes to stdout.

Each reminder is sent once per place and validity period, even when two runs overlap: a run
claims it first with an atomic cache.add keyed by kind, place and valid_until (the cache is
shared Redis in production). A small Reminder table would make this durable; see the report.
"""

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from itertools import groupby
from operator import or_
from typing import IO, Protocol

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.models import Role, RoleAssignment, User
from territory.models import Level

from .dashboard import in_service
from .models import Establishment, SafetyPolicy

logger = logging.getLogger(__name__)

DEFAULT_SMS_BACKEND = "safety.notify.ConsoleSmsSender"
DEFAULT_REMIND_DAYS = 2
REMEMBER_SECONDS = 400 * 24 * 3600  # longer than any validity period
EXPIRING, OVERDUE = "expiring", "overdue"


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSmsSender:
    """Writes each SMS to stdout and the log, for development and until a gateway is chosen."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)
        self.stream.write(f"SMS {phone}: {text}\n")


def sms_sender() -> SmsSender:
    sender: SmsSender = import_string(getattr(settings, "SMS_BACKEND", DEFAULT_SMS_BACKEND))()
    return sender


@dataclass
class Sent:
    owner_emails: int = 0
    officer_emails: int = 0
    sms: int = 0
    failed: int = 0
    places: set[int] = field(default_factory=set)


def _key(kind: str, place_id: int, valid_until: datetime) -> str:
    return f"safety:reminder:{kind}:{place_id}:{int(valid_until.timestamp())}"


def _claim(kind: str, place: Establishment) -> bool:
    assert place.valid_until is not None
    return cache.add(_key(kind, place.pk, place.valid_until), timezone.now().isoformat(), REMEMBER_SECONDS)


def _release(kind: str, place: Establishment) -> None:
    assert place.valid_until is not None
    cache.delete(_key(kind, place.pk, place.valid_until))


def _link(name: str, pk: int) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + reverse(name, kwargs={"pk": pk})


def expiring(now: datetime, days: int | None = None) -> QuerySet[Establishment]:
    """Places whose assessment is still valid but expires within `days` days — or, when not
    given, within the days their province's SafetyPolicy says (DEFAULT_REMIND_DAYS without one)."""
    places = in_service().filter(valid_until__gte=now)
    if days is not None:
        return places.filter(valid_until__lt=now + timedelta(days=days))
    policies = list(SafetyPolicy.objects.select_related("unit"))
    paths = [Q(unit_path__under=p.unit.path) for p in policies]
    windows = [
        Q(unit_path__under=p.unit.path, valid_until__lt=now + timedelta(days=p.remind_days_before)) for p in policies
    ]
    default = Q(valid_until__lt=now + timedelta(days=DEFAULT_REMIND_DAYS))
    if paths:
        default &= ~reduce(or_, paths)
    return places.filter(reduce(or_, [*windows, default]))


def overdue(now: datetime) -> QuerySet[Establishment]:
    return in_service().filter(valid_until__lt=now)


def _commune_id(place: Establishment) -> int:
    unit = place.unit
    return unit.parent_id if unit.level == Level.VILLAGE and unit.parent_id else unit.pk


class _Officers:
    """Email addresses of the officers of each commune, read once per commune per run."""

    def __init__(self) -> None:
        self.found: dict[int, list[str]] = {}

    def of(self, commune_id: int) -> list[str]:
        if commune_id not in self.found:
            emails = RoleAssignment.objects.filter(role=Role.OFFICER, unit_id=commune_id, user__is_active=True)
            self.found[commune_id] = sorted({e for e in emails.values_list("user__email", flat=True) if e})
        return self.found[commune_id]


def send_reminders(now: datetime | None = None, days: int | None = None, sms: SmsSender | None = None) -> Sent:
    now = now or timezone.now()
    sms = sms or sms_sender()
    sent = Sent()
    with translation.override(settings.LANGUAGE_CODE), get_connection() as connection:
        owners = Prefetch("owners", queryset=User.objects.filter(is_active=True).exclude(email="").only("email"))
        for place in expiring(now, days).select_related("unit").prefetch_related(owners).iterator(chunk_size=500):
            _remind_owners(place, connection, sms, sent)
        officers = _Officers()
        # Ordered by path, the places of one commune (and its villages) come together.
        places = overdue(now).select_related("unit__parent").order_by("unit_path", "valid_until", "pk")
        for commune_id, group in groupby(places.iterator(chunk_size=2000), key=_commune_id):
            in_commune = list(group)
            for place in in_commune:
                _warn_place(place, sms, sent)
            _warn_officers(in_commune, officers.of(commune_id), now, connection, sent)
    return sent


def _once(kind: str, place: Establishment, send: Callable[[], object], sent: Sent) -> bool:
    """Send unless this reminder went out already; a failed send is released for the next run."""
    if not _claim(kind, place):
        return False
    try:
        send()
    except Exception:
        logger.exception("%s reminder for place %s failed", kind, place.pk)
        _release(kind, place)
        sent.failed += 1
        return False
    sent.places.add(place.pk)
    return True


def _remind_owners(place: Establishment, connection: BaseEmailBackend, sms: SmsSender, sent: Sent) -> None:
    assert place.valid_until is not None
    values = {"place": place.name, "date": f"{timezone.localtime(place.valid_until):%H:%M %d/%m/%Y}"}
    emails = [owner.email for owner in place.owners.all()]
    message = EmailMessage(
        _("Self-assessment of %(place)s expires on %(date)s") % values,
        _(
            "The self-assessment of %(place)s is valid until %(date)s. Assess it again before then "
            "so that its safety state stays on the public map:\n%(link)s\n"
        )
        % {**values, "link": _link("safety:assess", place.pk)},
        to=emails,
        connection=connection,
    )
    if emails and _once(EXPIRING + "-email", place, message.send, sent):
        sent.owner_emails += 1
    text = _("%(place)s: self-assess again before %(date)s.") % values
    if place.contact_phone and _once(EXPIRING + "-sms", place, lambda: sms.send(place.contact_phone, text), sent):
        sent.sms += 1


def _warn_place(place: Establishment, sms: SmsSender, sent: Sent) -> None:
    assert place.valid_until is not None
    text = _("%(place)s: self-assessment expired on %(date)s, assess again now.") % {
        "place": place.name,
        "date": f"{timezone.localtime(place.valid_until):%d/%m/%Y}",
    }
    if place.contact_phone and _once(OVERDUE + "-sms", place, lambda: sms.send(place.contact_phone, text), sent):
        sent.sms += 1


def _warn_officers(
    places: list[Establishment], emails: list[str], now: datetime, connection: BaseEmailBackend, sent: Sent
) -> None:
    """One email to the commune's officers listing the places that became overdue since the last run."""
    if not emails:
        return
    fresh = [place for place in places if _claim(OVERDUE + "-email", place)]
    if not fresh:
        return
    message = EmailMessage(
        _("%(count)d places overdue for self-assessment in %(commune)s")
        % {"count": len(fresh), "commune": _commune_name(fresh[0])},
        _("These places' self-assessments have expired:\n\n%(lines)s\n\nThe full list: %(link)s\n")
        % {
            "lines": "\n".join(_overdue_line(place, now) for place in sorted(fresh, key=_expiry)),
            "link": getattr(settings, "SITE_URL", "").rstrip("/") + reverse("safety:overdue"),
        },
        to=emails,
        connection=connection,
    )
    try:
        message.send()
    except Exception:
        logger.exception("overdue warning to %s failed", ", ".join(emails))
        for place in fresh:
            _release(OVERDUE + "-email", place)
        sent.failed += 1
        return
    sent.officer_emails += 1
    sent.places.update(place.pk for place in fresh)


def _expiry(place: Establishment) -> datetime:
    assert place.valid_until is not None
    return place.valid_until


def _overdue_line(place: Establishment, now: datetime) -> str:
    assert place.valid_until is not None
    return _("- %(place)s (%(unit)s), expired %(date)s, %(days)d days ago: %(link)s") % {
        "place": place.name,
        "unit": place.unit.name,
        "date": f"{timezone.localtime(place.valid_until):%d/%m/%Y}",
        "days": (now - place.valid_until).days,
        "link": _link("safety:history", place.pk),
    }


def _commune_name(place: Establishment) -> str:
    unit = place.unit
    return unit.parent.name if unit.level == Level.VILLAGE and unit.parent else unit.name


def summary(sent: Sent) -> str:
    return (
        f"{sent.owner_emails} owner reminders, {sent.officer_emails} officer warnings, "
        f"{sent.sms} SMS, {sent.failed} failed"
    )
