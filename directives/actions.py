"""Every write of the directives app: drafts, issuing (numbering and delivery), corrections,
acknowledgements, opening, incoming documents and reminders."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import Role, User
from lib import publiccache
from lib.once import record_once
from lib.privacy import check_public_text
from lib.uploads import check_upload
from territory.models import Organisation, RecipientGroup

from . import access, schedule
from .models import (
    Authority,
    ContentItem,
    CopyPurpose,
    CopyRecipient,
    Delivery,
    Directive,
    Frequency,
    IncomingDocument,
    NumberCounter,
    Reminder,
    Status,
)

SYMBOL = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9&.]*(-[A-ZĐ0-9&.]+)*$")
INCOMING_NUMBER = re.compile(r"^\d{1,6}/[\wĐđ&.\-]+$")
MAX_ITEMS = 50
MAX_FILE_BYTES = 20 * 1024 * 1024
FILE_KINDS = ("pdf", "docx", "doc")


class DirectiveLocked(Exception):
    """An issued directive cannot change (a correction is a new document)."""


@dataclass
class DraftData:
    issuer: Organisation
    subject: str
    symbol: str
    place: str
    issuing_body: str
    signer_title: str
    signer_name: str
    items: list[str]
    parent_body: str = ""
    archive_division: str = ""
    opening: str = ""
    closing: str = ""
    organisations: list[str] = field(default_factory=list)  # codes
    groups: list[str] = field(default_factory=list)  # codes
    copies: list[tuple[str, str]] = field(default_factory=list)  # (name, purpose)
    implements: list[int] = field(default_factory=list)  # incoming document ids
    report_due_on: date | None = None
    report_every: int = Frequency.ONCE
    reports_until: date | None = None
    authority: str = ""
    head_title: str = ""
    is_public: bool = False


def _clean(data: DraftData, by: User) -> tuple[list[Organisation], list[RecipientGroup], list[IncomingDocument]]:
    errors: dict[str, str] = {}
    for name in ("subject", "place", "issuing_body", "signer_title", "signer_name"):
        value = getattr(data, name).strip()
        setattr(data, name, value)
        if not value:
            errors[name] = _("This field is required.")
    data.symbol = data.symbol.strip().upper()
    if not SYMBOL.match(data.symbol):
        errors["symbol"] = _("The symbol is letters and digits joined by hyphens, e.g. STTTT-TTBCXB.")
    items = [text.strip() for text in data.items]
    if not items or any(not text for text in items):
        errors["items"] = _("A directive needs at least one content item, and none may be empty.")
    elif len(items) > MAX_ITEMS:
        errors["items"] = _("A directive has at most %(n)d content items.") % {"n": MAX_ITEMS}
    data.items = items
    organisations = list(Organisation.objects.filter(code__in=data.organisations))
    missing = sorted(set(data.organisations) - {o.code for o in organisations})
    if missing:
        errors["organisations"] = _("No organisation with the code: %(codes)s.") % {"codes": ", ".join(missing)}
    groups = list(RecipientGroup.objects.filter(code__in=data.groups))
    missing = sorted(set(data.groups) - {g.code for g in groups})
    if missing:
        errors["groups"] = _("No recipient group with the code: %(codes)s.") % {"codes": ", ".join(missing)}
    if not data.organisations and not data.groups:
        errors.setdefault("organisations", _("Choose at least one recipient."))
    incoming = list(access.visible_incoming(by).filter(pk__in=data.implements))
    if len(incoming) != len(set(data.implements)):
        errors["implements"] = _("One of the documents it implements does not exist or is not yours to cite.")
    if data.report_every not in Frequency.values:
        errors["report_every"] = _("Choose how often recipients report.")
    elif data.report_every and data.report_due_on is None:
        errors["report_due_on"] = _("Periodic reports need the date of the first one.")
    if data.reports_until and (data.report_due_on is None or data.reports_until < data.report_due_on):
        errors["reports_until"] = _("The last report cannot come before the first.")
    if data.authority not in Authority.values:
        errors["authority"] = _("Choose KT., TM., TL., TUQ. or none.")
    elif data.authority and not data.head_title.strip():
        errors["head_title"] = _("With %(authority)s, give the title of the head (e.g. GIÁM ĐỐC).") % {
            "authority": data.authority
        }
    for name, purpose in data.copies:
        if not name.strip():
            errors["copies"] = _("A line of “Nơi nhận” cannot be empty.")
        elif purpose not in CopyPurpose.values:
            errors["copies"] = _("Unknown purpose “%(purpose)s”.") % {"purpose": purpose}
    if data.is_public:
        published = {
            "subject": data.subject,
            "opening": data.opening,
            "closing": data.closing,
            "items": "\n".join(items),
        }
        errors.update({k: v for k, v in check_public_text(published, Directive).items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    return organisations, groups, incoming


@transaction.atomic
def save_draft(data: DraftData, *, by: User, directive: Directive | None = None) -> Directive:
    """Create a draft, or replace the content of one. An issued directive raises DirectiveLocked."""
    if directive is not None:
        directive = Directive.objects.select_for_update().get(pk=directive.pk)
        if directive.is_issued:
            raise DirectiveLocked
        jurisdiction.require(access.can_act_for(by, directive.issuer))
    jurisdiction.require(
        access.can_act_for(by, data.issuer),
        _("You may not write on behalf of %(organisation)s.") % {"organisation": data.issuer},
    )
    organisations, groups, incoming = _clean(data, by)
    if directive is None:
        directive = Directive(created_by=by)
    for name in (
        "issuer",
        "subject",
        "symbol",
        "place",
        "parent_body",
        "issuing_body",
        "archive_division",
        "opening",
        "closing",
        "report_due_on",
        "report_every",
        "reports_until",
        "authority",
        "head_title",
        "signer_title",
        "signer_name",
        "is_public",
    ):
        setattr(directive, name, getattr(data, name))
    directive.save()
    directive.items.all().delete()
    ContentItem.objects.bulk_create(
        ContentItem(directive=directive, number=n, text=text) for n, text in enumerate(data.items, start=1)
    )
    directive.copies.all().delete()
    CopyRecipient.objects.bulk_create(
        CopyRecipient(directive=directive, position=n, name=name.strip(), purpose=purpose)
        for n, (name, purpose) in enumerate(data.copies)
    )
    directive.recipient_organisations.set(organisations)
    directive.recipient_groups.set(groups)
    directive.implements.set(incoming)
    return directive


def draft_data(directive: Directive) -> DraftData:
    """A directive's content as DraftData, to edit it or to start a correction from it."""
    return DraftData(
        issuer=directive.issuer,
        subject=directive.subject,
        symbol=directive.symbol,
        place=directive.place,
        issuing_body=directive.issuing_body,
        signer_title=directive.signer_title,
        signer_name=directive.signer_name,
        items=[item.text for item in directive.items.all()],
        parent_body=directive.parent_body,
        archive_division=directive.archive_division,
        opening=directive.opening,
        closing=directive.closing,
        organisations=list(directive.recipient_organisations.values_list("code", flat=True)),
        groups=list(directive.recipient_groups.values_list("code", flat=True)),
        copies=[(c.name, c.purpose) for c in directive.copies.all()],
        implements=list(directive.implements.values_list("pk", flat=True)),
        report_due_on=directive.report_due_on,
        report_every=directive.report_every,
        reports_until=directive.reports_until,
        authority=directive.authority,
        head_title=directive.head_title,
        is_public=directive.is_public,
    )


@transaction.atomic
def start_correction(original: Directive, *, by: User) -> Directive:
    """A new draft that corrects an issued directive, starting from its content."""
    if not original.is_issued:
        raise ValidationError(_("Only an issued directive can be corrected; edit the draft instead."))
    data = draft_data(original)
    data.subject = f"Đính chính Công văn số {original.reference}: {original.subject}"[:500]
    correction = save_draft(data, by=by)
    correction.corrects = original
    correction.save(update_fields=["corrects", "issuer_path"])
    return correction


def recipients_of(directive: Directive) -> list[Organisation]:
    """Every organisation the directive goes to: those named, and the members of its groups."""
    named = Q(pk__in=directive.recipient_organisations.values("pk"))
    grouped = Q(groups__in=directive.recipient_groups.values("pk"))
    return list(Organisation.objects.filter(named | grouped).exclude(pk=directive.issuer_id).distinct())


def _next_number(issuer: Organisation, year: int) -> int:
    """Take the next number of the issuer's year under a row lock: two people issuing at the
    same moment wait for each other instead of taking the same number."""
    NumberCounter.objects.get_or_create(issuer=issuer, year=year)
    counter = NumberCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def issue_directive(
    directive: Directive, *, by: User, on: date | None = None, now: datetime | None = None
) -> Directive:
    """Number the draft, date it and deliver it to every recipient's inbox; email them on commit."""
    directive = Directive.objects.select_for_update(of=("self",)).select_related("issuer__unit").get(pk=directive.pk)
    if directive.is_issued:
        raise DirectiveLocked
    jurisdiction.require(access.can_act_for(by, directive.issuer))
    recipients = recipients_of(directive)
    if not recipients:
        raise ValidationError({"organisations": _("The directive has no recipient organisation.")})
    if not directive.items.exists():
        raise ValidationError({"items": _("A directive needs at least one content item.")})
    now = now or timezone.now()
    on = on or timezone.localdate(now)
    if directive.report_due_on and directive.report_due_on < on:
        raise ValidationError({"report_due_on": _("The first report cannot be due before the directive is issued.")})
    directive.number = _next_number(directive.issuer, on.year)
    directive.year = on.year
    directive.issued_on = on
    directive.status = Status.ISSUED
    directive.issued_at = now
    directive.issued_by = by
    directive.save()
    Delivery.objects.bulk_create(
        Delivery(directive=directive, organisation=o, delivered_at=now)
        for o in Organisation.objects.filter(pk__in=[r.pk for r in recipients]).select_related("unit")
    )
    transaction.on_commit(lambda: email_deliveries(directive.pk))
    if directive.is_public:
        publiccache.bump("documents")  # the portal's home page lists the latest documents
    return directive


def _addresses(organisation_ids: list[int]) -> dict[int, list[str]]:
    """The organisation's email and those of its communication officers."""
    found: dict[int, set[str]] = {pk: set() for pk in organisation_ids}
    for pk, email in Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "email"):
        if email:
            found[pk].add(email)
    officers = User.objects.filter(
        roles__role=Role.COMMUNICATOR, roles__organisation__in=organisation_ids, is_active=True
    ).exclude(email="")
    for pk, email in officers.values_list("roles__organisation", "email"):
        found[pk].add(email)
    return {pk: sorted(emails) for pk, emails in found.items()}


def email_deliveries(directive_id: int) -> int:
    directive = Directive.objects.select_related("issuer").get(pk=directive_id)
    deliveries = list(directive.deliveries.filter(emailed_to=""))
    addresses = _addresses([d.organisation_id for d in deliveries])
    link = reverse("directives:detail", args=[directive.pk])
    sent = 0
    for delivery in deliveries:
        to = addresses.get(delivery.organisation_id) or []
        if not to:
            continue
        send_mail(
            _("New directive %(reference)s from %(issuer)s")
            % {"reference": directive.reference, "issuer": directive.issuer},
            _("V/v %(subject)s\n\nOpen and acknowledge it: %(link)s") % {"subject": directive.subject, "link": link},
            settings.DEFAULT_FROM_EMAIL,
            to,
            fail_silently=True,
        )
        Delivery.objects.filter(pk=delivery.pk).update(emailed_to=", ".join(to)[:254])
        sent += 1
    return sent


def mark_opened(directive: Directive, user: User, now: datetime | None = None) -> int:
    """The user opened the directive: their own organisations' copies count as opened."""
    if not directive.is_issued or not user.is_authenticated:
        return 0
    own = access.own_deliveries(user).filter(directive=directive, opened_at__isnull=True)
    return own.update(opened_at=now or timezone.now())


@transaction.atomic
def acknowledge(directive: Directive, *, by: User, organisation: str | None = None) -> Delivery:
    """The recipient confirms it received the directive. With no organisation given, the user's own."""
    jurisdiction.require_role(
        by, Role.ADMINISTRATOR, Role.OFFICER, Role.COMMUNICATOR, message=_("Only recipients acknowledge directives.")
    )
    named = Organisation.objects.filter(code=organisation).first() if organisation else None
    if named is not None:
        jurisdiction.require(
            access.can_act_for(by, named), _("You do not act for %(organisation)s.") % {"organisation": named}
        )
    if not directive.is_issued:
        raise ValidationError(_("A draft cannot be acknowledged."))
    deliveries = directive.deliveries.select_related("organisation")
    if organisation:
        delivery = deliveries.filter(organisation__code=organisation).first()
        if delivery is None:
            raise ValidationError({"organisation": _("This organisation is not a recipient of the directive.")})
    else:
        own = list(access.own_deliveries(by).filter(directive=directive))
        if not own:
            own = list(access.acting_deliveries(by).filter(directive=directive)[:2])
        jurisdiction.require(bool(own), _("None of your organisations received this directive."))
        if len(own) > 1:
            raise ValidationError({"organisation": _("You act for several recipients: say which one.")})
        delivery = own[0]
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.acknowledged_at is None:
        now = timezone.now()
        delivery.acknowledged_at = now
        delivery.acknowledged_by = by
        delivery.opened_at = delivery.opened_at or now
        delivery.save()
    return delivery


@transaction.atomic
def record_incoming(
    *,
    by: User,
    organisation: Organisation,
    number: str,
    issued_on: date,
    issuer: str,
    subject: str,
    file: UploadedFile | None = None,
) -> IncomingDocument:
    jurisdiction.require(access.can_act_for(by, organisation))
    number, issuer, subject = number.strip(), issuer.strip(), subject.strip()
    errors: dict[str, str] = {}
    if not INCOMING_NUMBER.match(number):
        errors["number"] = _("Write the number and symbol as on the document, e.g. 2240/UBND-KGVX.")
    if not issuer:
        errors["issuer"] = _("This field is required.")
    if not subject:
        errors["subject"] = _("This field is required.")
    if issued_on > timezone.localdate():
        errors["issued_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    if IncomingDocument.objects.filter(organisation=organisation, number=number, issued_on=issued_on).exists():
        raise ValidationError({"number": _("This document is already recorded.")})
    if file is not None:
        check_upload(file, FILE_KINDS, max_bytes=MAX_FILE_BYTES)
    document = IncomingDocument(
        organisation=organisation, number=number, issued_on=issued_on, issuer=issuer, subject=subject, created_by=by
    )
    if file is not None:
        document.file.save(file.name or "document", file, save=False)
    document.save()
    return document


def send_reminders(today: date | None = None, days_before: int = 3) -> int:
    """Remind every recipient that has not yet reported for a deadline in the next `days_before`
    days. One reminder per recipient and deadline: running it twice, or twice at once, sends
    nothing more."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + timedelta(days=days_before)
    # Directives with a deadline still to come: a one-off report not yet due, periodic reports
    # not yet over (without an end, deadlines run a year from the first; see schedule.deadlines).
    active = Directive.objects.filter(status=Status.ISSUED, report_due_on__lte=horizon).filter(
        Q(report_every=Frequency.ONCE, report_due_on__gte=today)
        | Q(report_every__gt=0, reports_until__gte=today)
        | Q(report_every__gt=0, reports_until__isnull=True, report_due_on__gte=today - timedelta(days=366))
    )
    for directive in active:
        for deadline in schedule.deadlines(directive):
            if not today <= deadline <= horizon:
                continue
            start = schedule.period_start(directive, deadline)
            waiting = schedule.not_reported_since(directive.deliveries.all(), start).exclude(reminders__due_on=deadline)
            for delivery in waiting:
                remind = partial(_email_reminder, delivery.pk, deadline)
                if record_once(Reminder, remind, delivery=delivery, due_on=deadline):
                    sent += 1
    return sent


def _email_reminder(delivery_id: int, due_on: date) -> None:
    delivery = Delivery.objects.select_related("directive", "organisation").get(pk=delivery_id)
    to = _addresses([delivery.organisation_id]).get(delivery.organisation_id) or []
    if not to:
        return
    directive = delivery.directive
    send_mail(
        _("Reminder: report on %(reference)s due %(date)s")
        % {"reference": directive.reference, "date": due_on.strftime("%d/%m/%Y")},
        _("V/v %(subject)s\n\nReport your communication activities: %(link)s")
        % {"subject": directive.subject, "link": reverse("directives:detail", args=[directive.pk])},
        settings.DEFAULT_FROM_EMAIL,
        to,
        fail_silently=True,
    )
