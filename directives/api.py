"""Directives in the API: what the caller issued or received, drafts, issuing, corrections,
acknowledgements, the official DOCX and PDF, incoming documents and the public list.

A directive the caller may not see answers 404, so the API does not tell that it exists."""

import json
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError

from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router
from territory.models import Organisation

from . import access, actions, official, schedule
from .models import Delivery, Directive
from .models import Status as DirectiveStatus
from .queries import get_visible_directive, recipient_rows

router = Router(tags=["directives"], auth=AUTH)
MAX_LIST = 200


class DirectiveOrganisationOut(Schema):
    code: str
    name: str
    kind: str


class DirectiveItemOut(Schema):
    id: int
    number: int
    text: str


class IncomingOut(Schema):
    id: int
    number: str
    issued_on: date
    issuer: str
    subject: str
    organisation: DirectiveOrganisationOut


class RecipientOut(Schema):
    organisation: DirectiveOrganisationOut
    state: str = Field(..., description="received, opened, acknowledged or reported")
    delivered_at: datetime
    opened_at: datetime | None
    acknowledged_at: datetime | None
    first_reported_at: datetime | None
    last_reported_at: datetime | None
    activities: int
    late: bool


class DirectiveBrief(Schema):
    id: int
    reference: str
    number: int | None
    year: int | None
    status: str
    issued_on: date | None
    subject: str
    issuer: DirectiveOrganisationOut
    is_public: bool


class CopyIn(Schema):
    name: str
    purpose: str = Field("", description='"" (for information), "b/c" (for report) or "phối hợp" (coordination)')


class DirectiveOut(DirectiveBrief):
    parent_body: str
    issuing_body: str
    symbol: str
    place: str
    opening: str
    closing: str
    archive_division: str
    authority: str
    head_title: str
    signer_title: str
    signer_name: str
    report_due_on: date | None
    report_every: int
    reports_until: date | None
    deadlines: list[date]
    corrects: int | None
    items: list[DirectiveItemOut]
    implements: list[IncomingOut]
    addressees: list[str]
    copies: list[CopyIn]
    recipients: list[RecipientOut]


class DirectiveIn(Schema):
    issuer: str = Field(..., description="code of the issuing organisation, e.g. 67-stttt")
    subject: str = Field(..., description="the V/v line")
    symbol: str = Field(..., description="e.g. STTTT-TTBCXB")
    place: str
    issuing_body: str = Field(..., description="as printed, e.g. SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    parent_body: str = ""
    archive_division: str = ""
    opening: str = ""
    closing: str = ""
    items: list[str]
    organisations: list[str] = Field([], description="codes of recipient organisations")
    groups: list[str] = Field([], description="codes of recipient groups")
    copies: list[CopyIn] = []
    implements: list[int] = Field([], description="ids of incoming documents")
    report_due_on: date | None = None
    report_every: int = Field(0, description="0 once, 7 weekly, 14 fortnightly, 30 monthly")
    reports_until: date | None = None
    authority: str = Field("", description='"", "KT.", "TM.", "TL." or "TUQ."')
    head_title: str = ""
    signer_title: str
    signer_name: str
    is_public: bool = False


class AcknowledgeIn(Schema):
    organisation: str | None = Field(None, description="code of the recipient you act for, if you act for several")


class AcknowledgeOut(Schema):
    organisation: DirectiveOrganisationOut
    acknowledged_at: datetime
    opened_at: datetime | None


class IncomingIn(Schema):
    organisation: str = Field(..., description="code of the organisation that received it")
    number: str = Field(..., description="e.g. 2240/UBND-KGVX")
    issued_on: date
    issuer: str
    subject: str


def visible(request: HttpRequest, pk: int) -> Directive:
    return get_visible_directive(request.user, pk)


def _organisation(code: str, field: str = "issuer") -> Organisation:
    organisation = Organisation.objects.select_related("unit").filter(code=code).first()
    if organisation is None:
        raise ValidationError({field: _("No organisation with the code %(code)s.") % {"code": code}})
    return organisation


DIRECT_FIELDS = (
    "id", "reference", "number", "year", "status", "issued_on", "subject", "is_public", "parent_body",
    "issuing_body", "symbol", "place", "opening", "closing", "archive_division", "authority", "head_title",
    "signer_title", "signer_name", "report_due_on", "report_every", "reports_until",
)  # fmt: skip


def detail(request: HttpRequest, directive: Directive) -> dict[str, object]:
    """The directive as DirectiveOut; recipients are all of them for the issuing side, the
    caller's own for a recipient."""
    user = request.user
    deliveries = Delivery.objects.all() if access.is_issuer_side(user, directive) else access.seen_deliveries(user)
    rows = recipient_rows(directive, deliveries)
    return {
        **{name: getattr(directive, name) for name in DIRECT_FIELDS},
        "issuer": directive.issuer,
        "deadlines": schedule.deadlines(directive),
        "corrects": directive.corrects_id,
        "items": list(directive.items.all()),
        "implements": list(directive.implements.select_related("organisation")),
        "addressees": official.addressee_lines(directive),
        "copies": [{"name": c.name, "purpose": c.purpose} for c in directive.copies.all()],
        "recipients": [
            {
                "organisation": r.delivery.organisation,
                "state": r.state,
                "delivered_at": r.delivery.delivered_at,
                "opened_at": r.delivery.opened_at,
                "acknowledged_at": r.delivery.acknowledged_at,
                "first_reported_at": r.delivery.first_reported_at,
                "last_reported_at": r.delivery.last_reported_at,
                "activities": r.activities,
                "late": r.is_late,
            }
            for r in rows
        ],
    }


def _draft_data(payload: DirectiveIn) -> actions.DraftData:
    values = payload.dict()
    values["issuer"] = _organisation(payload.issuer)
    values["copies"] = [(c.name, c.purpose) for c in payload.copies]
    return actions.DraftData(**values)


@router.get(
    "/directives", response=list[DirectiveBrief], access="signed-in", summary="Directives the caller issued or received"
)
def list_directives(request: HttpRequest, box: str = "all", status: str = "") -> list[Directive]:
    if box == "sent":
        directives = access.issuer_side(request.user)
    elif box == "received":
        received = access.seen_deliveries(request.user).values("directive_id")
        directives = Directive.objects.filter(status=DirectiveStatus.ISSUED, pk__in=received)
    elif box == "all":
        directives = access.visible_directives(request.user)
    else:
        raise HttpError(422, _("box is sent, received or all."))
    if status:
        directives = directives.filter(status=status)
    return list(directives.select_related("issuer").order_by("-issued_on", "-id")[:MAX_LIST])


@router.post("/directives", response={201: DirectiveOut}, access="signed-in", summary="Write a draft")
def create_directive(request: HttpRequest, payload: DirectiveIn) -> Status:
    directive = actions.save_draft(_draft_data(payload), by=request_user(request))
    return Status(201, detail(request, directive))


@router.get(
    "/directives/{pk}", response=DirectiveOut, access="nobody", summary="A directive with its items and recipients"
)
def get_directive(request: HttpRequest, pk: int) -> dict[str, object]:
    directive = visible(request, pk)
    actions.mark_opened(directive, request_user(request))
    return detail(request, directive)


@router.put("/directives/{pk}", response=DirectiveOut, access="signed-in", summary="Replace a draft (409 once issued)")
def update_directive(request: HttpRequest, pk: int, payload: DirectiveIn) -> dict[str, object]:
    directive = visible(request, pk)
    try:
        directive = actions.save_draft(_draft_data(payload), by=request_user(request), directive=directive)
    except actions.DirectiveLocked as exc:
        raise HttpError(409, _("An issued directive cannot be changed; write a correction instead.")) from exc
    return detail(request, directive)


@router.post(
    "/directives/{pk}/issue", response=DirectiveOut, access="nobody", summary="Number, date and deliver a draft"
)
def issue(request: HttpRequest, pk: int) -> dict[str, object]:
    directive = visible(request, pk)
    try:
        directive = actions.issue_directive(directive, by=request_user(request))
    except actions.DirectiveLocked as exc:
        raise HttpError(409, _("The directive is already issued.")) from exc
    return detail(request, directive)


@router.post(
    "/directives/{pk}/corrections", response={201: DirectiveOut}, access="nobody", summary="Start a correction"
)
def correct(request: HttpRequest, pk: int) -> Status:
    correction = actions.start_correction(visible(request, pk), by=request_user(request))
    return Status(201, detail(request, correction))


@router.post(
    "/directives/{pk}/acknowledge",
    response=AcknowledgeOut,
    access="nobody",
    summary="Confirm receipt",
    description='With no body, for the caller\'s own organisation; a body {"organisation": code} (or ?organisation=) '
    "names the recipient when the caller acts for several.",
)
def acknowledge(request: HttpRequest, pk: int, organisation: str | None = None) -> Delivery:
    directive = visible(request, pk)
    if request.content_type == "application/json" and request.body:
        try:
            body = AcknowledgeIn.model_validate(json.loads(request.body))
        except (ValueError, PydanticValidationError) as exc:
            raise HttpError(400, _('The body is not JSON of the form {"organisation": code}.')) from exc
        organisation = body.organisation or organisation
    return actions.acknowledge(directive, by=request_user(request), organisation=organisation)


def _document(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    directive = visible(request, pk)
    actions.mark_opened(directive, request_user(request))
    content = official.render(official.build(directive), extension)
    return official.download(content, extension, official.file_name(directive, extension))


@router.get("/directives/{pk}/document.docx", access="nobody", summary="The directive as DOCX")
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "docx")


@router.get("/directives/{pk}/document.pdf", access="nobody", summary="The directive as PDF")
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _document(request, pk, "pdf")


@router.get("/incoming-documents", response=list[IncomingOut], access="signed-in", summary="Incoming documents")
def list_incoming(request: HttpRequest) -> list[object]:
    return list(access.visible_incoming(request.user).select_related("organisation")[:MAX_LIST])


@router.post(
    "/incoming-documents", response={201: IncomingOut}, access="signed-in", summary="Record an incoming document"
)
def create_incoming(request: HttpRequest, payload: IncomingIn) -> Status:
    values = {**payload.model_dump(), "organisation": _organisation(payload.organisation, "organisation")}
    document = actions.record_incoming(by=request_user(request), **values)
    return Status(201, document)


@router.get(
    "/public/directives", response=list[DirectiveBrief], access="public", auth=None, summary="Published directives"
)
def public_directives(request: HttpRequest) -> list[Directive]:
    published = Directive.objects.filter(status=DirectiveStatus.ISSUED, is_public=True).select_related("issuer")
    return list(published.order_by("-issued_on", "-id")[:MAX_LIST])


@router.get("/public/directives/{pk}/document.pdf", access="nobody", auth=None, summary="A published directive as PDF")
def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    directive = get_object_or_404(Directive, pk=pk, status=DirectiveStatus.ISSUED, is_public=True)
    return official.download(
        official.render(official.build(directive), "pdf"), "pdf", official.file_name(directive, "pdf")
    )
