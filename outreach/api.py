"""Outreach in the API: report an activity (JSON, or a form with an evidence file), a directive's
summary, and village coverage of a unit."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from accounts import jurisdiction
from accounts.api import AUTH
from accounts.http import request_user
from directives.access import is_issuer_side
from directives.models import ContentItem
from directives.queries import get_visible_directive
from lib.routes import Router
from territory import queries
from territory.models import Organisation

from . import actions, reports
from .models import Activity, Channel

router = Router(tags=["outreach"], auth=AUTH)


class ActivityIn(Schema):
    directive: int = Field(..., description="id of the directive")
    content_item: int = Field(..., description="id of one of its content items")
    channel: str = Field(..., description="code of the channel, e.g. xe-loa")
    quantity: int = Field(..., description="in the channel's unit of measure")
    occurred_on: date
    organisation: str | None = Field(None, description="code of the organisation reported for, if several")
    units: list[str] = Field([], description="codes of the villages or communes reached")
    scheme: str | None = Field(None, description="scheme of the unit codes; the province's by default")
    priority: str = Field("", description="for loudspeaker broadcasts: thong-thuong, uu-tien or khan-cap")
    title: str = ""
    evidence_url: str = ""


class ActivityOut(Schema):
    id: int
    directive: int = Field(alias="directive_id")
    content_item: int = Field(alias="content_item_id")
    channel: str = Field(alias="channel.code")
    quantity: int
    occurred_on: date
    organisation: str = Field(alias="organisation.code")
    area: str = Field(alias="area.code")
    reached: list[str]
    evidence_url: str
    evidence_file: str

    @staticmethod
    def resolve_reached(a: Activity) -> list[str]:
        return sorted(a.reached.values_list("code", flat=True))

    @staticmethod
    def resolve_evidence_file(a: Activity) -> str:
        return a.evidence_file.url if a.evidence_file else ""


class LineOut(Schema):
    label: str
    activities: int
    quantity: int
    measure: str


class DistrictOut(Schema):
    label: str
    activities: int
    villages: int
    villages_reached: int


class OutreachSummaryOut(Schema):
    reference: str
    as_of: date
    recipients: int
    opened: int
    acknowledged: int
    reported: int
    activities: int
    villages: int
    villages_reached: int
    items: list[LineOut]
    channels: list[LineOut]
    districts: list[DistrictOut]
    late: list[str]


class OutreachCoverageRowOut(Schema):
    code: str
    name: str
    villages: int
    reached_7: int
    reached_14: int
    reached_30: int
    never_reached: int


class VillageOut(Schema):
    id: int
    name: str
    commune: str
    latitude: float | None
    longitude: float | None
    last_reached_on: date | None
    ever_reached: bool


class OutreachCoverageOut(Schema):
    unit: str
    as_of: date
    total: OutreachCoverageRowOut
    rows: list[OutreachCoverageRowOut]
    villages: list[VillageOut] = Field(
        ..., description="never reached first, then the longest unreached; at most `limit`"
    )


def _data(request: HttpRequest, payload: ActivityIn, evidence: UploadedFile | None = None) -> actions.ActivityData:
    directive = get_visible_directive(request.user, payload.directive)
    item = ContentItem.objects.filter(pk=payload.content_item).first()
    channel = Channel.objects.select_related("measure").filter(code=payload.channel).first()
    errors: dict[str, str] = {}
    if item is None:
        errors["content_item"] = _("No such content item.")
    if channel is None:
        errors["channel"] = _("No channel with the code %(code)s.") % {"code": payload.channel}
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.select_related("unit").filter(code=payload.organisation).first()
        if organisation is None:
            errors["organisation"] = _("No organisation with the code %(code)s.") % {"code": payload.organisation}
    units, missing = actions.units_by_code(payload.units, payload.scheme or settings.DEFAULT_SCHEME)
    if missing:
        errors["units"] = _("No unit with the code: %(codes)s.") % {"codes": ", ".join(missing[:10])}
    if errors:
        raise ValidationError(errors)
    assert item is not None and channel is not None
    found = {"directive": directive, "content_item": item, "channel": channel, "organisation": organisation}
    values = {**payload.model_dump(exclude={"scheme"}), **found, "units": units}
    return actions.ActivityData(**values, evidence_file=evidence)


@router.post("/outreach/activities", response={201: ActivityOut}, access="signed-in", summary="Report an activity")
def report(request: HttpRequest, payload: ActivityIn) -> Status:
    return Status(201, actions.report_activity(_data(request, payload), by=request_user(request)))


@router.post(
    "/outreach/activities/with-evidence",
    response={201: ActivityOut},
    access="signed-in",
    summary="Report an activity with an evidence file (multipart form)",
)
def report_with_file(request: HttpRequest, payload: Form[ActivityIn], evidence: File[UploadedFile]) -> Status:
    return Status(201, actions.report_activity(_data(request, payload, evidence), by=request_user(request)))


@router.get(
    "/directives/{pk}/summary",
    response=OutreachSummaryOut,
    access="nobody",
    summary="Totals per content item, channel and district",
)
def directive_summary(request: HttpRequest, pk: int) -> dict[str, object]:
    directive = get_visible_directive(request.user, pk)
    if not is_issuer_side(request.user, directive):
        raise PermissionDenied(_("Only the issuing side reads the summary of a directive."))
    s = reports.summary(directive)
    return {
        "reference": directive.reference,
        "as_of": s.today,
        "recipients": s.recipients,
        "opened": s.opened,
        "acknowledged": s.acknowledged,
        "reported": s.reported,
        "activities": s.total_activities,
        "villages": s.villages,
        "villages_reached": s.villages_reached,
        "items": [
            {"label": i.label, "activities": i.activities, "quantity": i.quantity, "measure": ""} for i in s.items
        ],
        "channels": [c.__dict__ for c in s.channels],
        "districts": [
            {
                "label": d.label,
                "activities": d.activities,
                "villages": d.extra["villages"],
                "villages_reached": d.extra["reached"],
            }
            for d in s.districts
        ],
        "late": [d.organisation.code for d in s.late],
    }


def _row(row: reports.CoverageRow) -> dict[str, object]:
    return {
        "code": row.unit.code,
        "name": row.unit.name,
        "villages": row.villages,
        "reached_7": row.within[7],
        "reached_14": row.within[14],
        "reached_30": row.within[30],
        "never_reached": row.never,
    }


@router.get(
    "/outreach/coverage",
    response=OutreachCoverageOut,
    access="signed-in",
    summary="Villages reached in 7, 14 and 30 days",
)
def coverage(
    request: HttpRequest, unit: str, on: date | None = None, scheme: str | None = None, limit: int = 500
) -> dict[str, object]:
    if not 0 <= limit <= 10_000:
        raise HttpError(422, _("limit is between 0 and 10000."))
    place = queries.get_unit(unit, scheme)
    jurisdiction.require_unit(request.user, place)
    result = reports.coverage(place, on)
    return {
        "unit": place.code,
        "as_of": result.on,
        "total": _row(result.total),
        "rows": [_row(r) for r in result.rows],
        "villages": [v.__dict__ | {"id": v.pk} for v in result.villages[:limit]],
    }
