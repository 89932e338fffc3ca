"""Citizens' reports in the API: categories, sending and following a report (no login), the
public list; the officers' queue and their actions, under the jurisdiction rules."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema, Status
from ninja.errors import HttpError

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from lib import attachments, publiccache
from lib.pagination import Mapped, paged
from lib.routes import Router
from territory.queries import get_unit
from territory.schemas import SchemeName, SubtreeFilter, UnitRefOut

from . import abuse, actions, queries
from .models import PUBLIC_EVENTS, Report, ReportCategory, ReportStatus

router = Router(tags=["citizens' reports"])

Action = Literal["accept", "reject", "duplicate", "transfer", "assign", "record", "answer", "close"]


class CategoryOut(Schema):
    code: str
    name: str
    deadline_days: int = Field(..., description="days the handling unit has to answer")

    @staticmethod
    def resolve_name(category: ReportCategory) -> str:
        return category.label


class ReportIn(Schema):
    category: str = Field(
        "",
        description="gathering, place_not_complying, wrong_state, price_gouging, misinformation, suggestion or other",
    )
    text: str = Field("", description="what happened: plain text, no phone, ID number or e-mail address")
    unit: str | None = Field(None, description="code of the commune or village")
    scheme: SchemeName | None = None
    lat: float | str | None = Field(None, description="latitude of the point, with lon")
    lon: float | str | None = None
    place: str | None = Field(None, description="public code of a place (as on its QR poster)")
    contact_name: str = Field("", description="optional, never published")
    contact_phone: str = Field("", description="optional, never published")


class TrackingOut(Schema):
    tracking_code: str


class ReportStepOut(Schema):
    step: str
    label: str
    at: datetime


class PublicReportOut(Schema):
    tracking_code: str
    category: str
    category_name: str
    unit: UnitRefOut = Field(..., description="the unit handling it")
    status: str
    status_label: str
    received_at: datetime
    due_at: datetime
    text: str = Field(..., description="the text an officer approved for publication; empty until accepted")
    answer: str
    answered_at: datetime | None
    rejection_reason: str
    steps: list[ReportStepOut]


class PhotoOut(attachments.AttachmentOut):
    pass


class OfficerReportOut(Schema):
    id: int
    tracking_code: str
    category: str
    status: str
    text: str
    public_text: str
    unit: UnitRefOut
    where: UnitRefOut | None
    place_code: str | None
    lat: float | None
    lon: float | None
    contact_name: str
    contact_phone: str
    received_at: datetime
    due_at: datetime
    overdue: bool
    escalated_to: UnitRefOut | None
    assigned_to: str | None
    answer: str
    rejection_reason: str
    duplicate_of: str | None
    transferred_to: str | None
    photos: list[PhotoOut]


class ActionIn(Schema):
    public_text: str = Field("", description="accept: the text to publish")
    reason: str = Field("", description="reject: why, shown to the reporter")
    duplicate_of: str = Field("", description="duplicate: tracking code of the original")
    unit: str = Field("", description="transfer: code of the commune or district")
    scheme: SchemeName | None = None
    organisation: str = Field("", description="transfer: code of the agency")
    assignee: str = Field("", description="assign: username of the officer or inspector")
    note: str = Field("", description="record (required), transfer or close")
    inspection: int | None = Field(None, description="record: number of the inspection that followed")
    violation: int | None = Field(None, description="record: number of the violation recorded")
    answer: str = Field("", description="answer: the official answer, published")


class PublicReportFilter(SubtreeFilter):
    category: str | None = None
    status: Literal["accepted", "in_progress", "answered", "closed"] | None = None


class OfficerReportFilter(SubtreeFilter):
    category: str | None = None
    status: str | None = None
    overdue: bool = False
    escalated: bool = Field(False, description="only overdue reports escalated to the caller's units")


def _unit_ref(unit: Any) -> dict[str, str] | None:
    return None if unit is None else {"code": unit.code, "scheme": unit.scheme, "level": unit.level, "name": unit.name}


def public_view(report: Report) -> dict[str, Any]:
    """What anyone holding the tracking code, or reading the public list, may see."""
    return {
        "tracking_code": report.tracking_code,
        "category": report.category.code,
        "category_name": report.category.label,
        "unit": _unit_ref(report.unit),
        "status": report.status,
        "status_label": report.get_status_display(),
        "received_at": report.received_at,
        "due_at": report.due_at,
        "text": report.public_text if report.is_published else "",
        "answer": report.answer,
        "answered_at": report.answered_at,
        "rejection_reason": report.rejection_reason if report.status == ReportStatus.REJECTED else "",
        "steps": [
            {"step": e.kind, "label": e.get_kind_display(), "at": e.at}
            for e in report.events.all()
            if e.kind in PUBLIC_EVENTS
        ],
    }


def officer_view(report: Report, now: datetime | None = None) -> dict[str, Any]:
    return {
        "id": report.pk,
        "tracking_code": report.tracking_code,
        "category": report.category.code,
        "status": report.status,
        "text": report.text,
        "public_text": report.public_text,
        "unit": _unit_ref(report.unit),
        "where": _unit_ref(report.place_unit),
        "place_code": report.establishment.public_code if report.establishment else None,
        "lat": float(report.latitude) if report.latitude is not None else None,
        "lon": float(report.longitude) if report.longitude is not None else None,
        "contact_name": report.contact_name,
        "contact_phone": report.contact_phone,
        "received_at": report.received_at,
        "due_at": report.due_at,
        "overdue": report.is_overdue(now),
        "escalated_to": _unit_ref(report.escalated_to),
        "assigned_to": report.assigned_to.get_username() if report.assigned_to else None,
        "answer": report.answer,
        "rejection_reason": report.rejection_reason,
        "duplicate_of": report.duplicate_of.tracking_code if report.duplicate_of else None,
        "transferred_to": report.transferred_to.code if report.transferred_to else None,
        "photos": attachments.describe(report.photos.all(), "portal:photo"),
    }


@router.get(
    "/public/report-categories",
    response=list[CategoryOut],
    access="public",
    auth=None,
    summary="What a report may be about",
)
def list_categories(request: HttpRequest) -> Any:
    return queries.active_categories()


@router.post(
    "/public/reports",
    response={201: TrackingOut},
    access="public",
    auth=None,
    summary="Send a report (no account needed)",
    description="Give exactly one location: `unit` (+ `scheme`), `lat` and `lon`, or `place`. The text is refused "
    "when it holds HTML, a phone number, an ID number or an e-mail address. Rate-limited per address and device.",
)
def send_report(request: HttpRequest, payload: ReportIn) -> Any:
    values = {k: v for k, v in payload.model_dump().items() if v not in (None, "")}
    try:
        report = actions.submit_report(values, client=abuse.client_of(request))
    except actions.RateLimited as limited:
        raise HttpError(429, str(limited)) from limited
    return Status(201, {"tracking_code": report.tracking_code})


@router.get(
    "/public/reports/{tracking_code}",
    response=PublicReportOut,
    access="nobody",
    auth=None,
    summary="A report's status and answer",
    url_name="public_report",
)
def follow_report(request: HttpRequest, tracking_code: str) -> Any:
    return public_view(queries.get_by_tracking_code(tracking_code))


@router.get(
    "/public/reports",
    response=list[PublicReportOut],
    access="public",
    auth=None,
    summary="Published reports",
    url_name="public_reports",
)
@paged
def list_public(request: HttpRequest, filters: Query[PublicReportFilter]):  # type: ignore[no-untyped-def]
    unit = get_unit(filters.unit, filters.scheme) if filters.unit else None
    found = queries.apply_filters(queries.published_reports(), unit, filters.category or "", filters.status or "")
    ordered = found.select_related("category", "unit").prefetch_related("events").order_by("-received_at", "-pk")
    return Mapped(ordered, public_view)


@router.get(
    "/reports",
    response=list[OfficerReportOut],
    access="signed-in",
    auth=AUTH,
    summary="Reports in the caller's jurisdiction",
)
@paged
def list_reports(request: HttpRequest, filters: Query[OfficerReportFilter]):  # type: ignore[no-untyped-def]
    reports = queries.visible_reports(request.user)
    unit = jurisdiction.requested_unit(request.user, filters.unit, filters.scheme)
    reports = queries.apply_filters(reports, unit, filters.category or "", filters.status or "")
    now = timezone.now()
    if filters.overdue:
        reports = queries.overdue(reports, now)
    if filters.escalated:
        reports = queries.escalated_to(request.user, reports)
    ordered = reports.select_related(
        "category",
        "unit",
        "place_unit",
        "establishment",
        "escalated_to",
        "assigned_to",
        "duplicate_of",
        "transferred_to",
    ).prefetch_related("photos")
    return Mapped(ordered.order_by("due_at", "pk"), lambda report: officer_view(report, now))


@router.post(
    "/reports/{report_id}/{action}",
    response=OfficerReportOut,
    access="nobody",
    auth=AUTH,
    summary="Triage, assign, record an action, answer or close a report",
    description="Officers of the unit handling the report or above it. accept (public_text), reject (reason), "
    "duplicate (duplicate_of), transfer (unit + scheme, or organisation; note), assign (assignee), record (note, "
    "inspection, violation), answer (answer), close (note).",
)
def act(request: HttpRequest, report_id: int, action: Action, payload: ActionIn) -> Any:
    report = queries.get_report(request.user, report_id)
    actions.perform(report, request_user(request), action, payload.model_dump())
    return officer_view(queries.get_report(request.user, report_id))


publiccache.register("api:public_reports", lambda kwargs: ["reports"])
publiccache.register("api:public_report", lambda kwargs: [f"report:{str(kwargs['tracking_code']).upper()}"])
