"""The demo's directive: the letter of shared/seed as issued by Sở Thông tin và Truyền thông,
implementing the two letters of the Provincial People's Committee, sent to the six recipient
groups, with some acknowledgements."""

import json
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from territory.models import AdminUnit, Organisation

from . import actions
from .models import Delivery, Directive, IncomingDocument, NumberCounter

DATA = Path(__file__).parent / "data" / "demo_letter.json"
# Recipients that acknowledged the letter in the demo, and when (days after it was issued).
ACKNOWLEDGED = {"67-bao-dak-nong": 0, "67-dai-ptth": 1, "ubnd-{scheme}-663": 1, "trung-tam-vhtt-tt-{scheme}-663": 2}


def _moment(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def demo_directive(province: AdminUnit) -> Directive | None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    year = date.fromisoformat(data["issued_on"]).year
    return Directive.objects.filter(
        issuer__code=data["issuer"], year=year, number=data["number"], issuer_path__under=province.path
    ).first()


def _author() -> User:
    author = (
        User.objects.filter(username="admin", is_superuser=True).first()
        or User.objects.filter(is_superuser=True).first()
    )
    if author is None:
        raise RuntimeError("The directives demo needs the demo administrator; load the Đắk Nông demo users first.")
    return author


@transaction.atomic
def load_demo(province: AdminUnit) -> str:
    if demo_directive(province) is not None:
        return "Directives: the demo letter is already loaded."
    data = json.loads(DATA.read_text(encoding="utf-8"))
    author = _author()
    issuer = Organisation.objects.select_related("unit").get(code=data["issuer"])
    incoming = []
    for entry in data["incoming"]:
        document = IncomingDocument.objects.filter(organisation=issuer, number=entry["number"]).first()
        if document is None:
            document = actions.record_incoming(
                by=author,
                organisation=issuer,
                number=entry["number"],
                issued_on=date.fromisoformat(entry["issued_on"]),
                issuer=entry["issuer"],
                subject=entry["subject"],
            )
        incoming.append(document.pk)
    suffix = f"{province.scheme}-{province.code}"
    draft = actions.save_draft(
        actions.DraftData(
            issuer=issuer,
            subject=data["subject"],
            symbol=data["symbol"],
            place=data["place"],
            parent_body=data["parent_body"],
            issuing_body=data["issuing_body"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            items=data["items"],
            archive_division=data["archive_division"],
            opening=data["opening"],
            closing="\n".join(data["closing"]),
            groups=[f"{code}-{suffix}" for code in data["groups"]],
            copies=[tuple(copy) for copy in data["copies"]],  # type: ignore[misc]
            implements=incoming,
            report_due_on=date.fromisoformat(data["report_due_on"]),
            report_every=data["report_every"],
            reports_until=date.fromisoformat(data["reports_until"]),
            authority=data["authority"],
            head_title=data["head_title"],
            is_public=data["is_public"],
        ),
        by=author,
    )
    issued_on = date.fromisoformat(data["issued_on"])
    # The letter's number in the province's register: the ones before it were given on paper.
    counter, _created = NumberCounter.objects.get_or_create(issuer=issuer, year=issued_on.year)
    if counter.last_number < data["number"] - 1:
        counter.last_number = data["number"] - 1
        counter.save(update_fields=["last_number"])
    directive = actions.issue_directive(draft, by=author, on=issued_on, now=_moment(issued_on, 8))
    acknowledged = 0
    for template, days in ACKNOWLEDGED.items():
        code = template.format(scheme=province.scheme)
        if not directive.deliveries.filter(organisation__code=code).exists():
            continue
        delivery = actions.acknowledge(directive, by=author, organisation=code)
        moment = _moment(issued_on.replace(day=issued_on.day + days), 10)
        Delivery.objects.filter(pk=delivery.pk).update(opened_at=moment, acknowledged_at=moment)
        acknowledged += 1
    return (
        f"Directives: {directive.reference} issued {issued_on:%d/%m/%Y} to {directive.deliveries.count()} "
        f"organisations, {acknowledged} acknowledged; {len(incoming)} incoming documents."
    )
