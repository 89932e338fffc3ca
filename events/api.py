"""Exams and elections in the API: list and create events, an event's sites, and a site's
status on the day."""

from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Schema, Status

from accounts.api import AUTH
from accounts.http import request_user
from lib.routes import Router
from territory import queries as territory

from . import actions, queries
from .models import Event, Site

router = Router(tags=["events"], auth=AUTH)


class EventIn(Schema):
    name: str
    kind: str = Field(..., description="election or exam")
    unit: str = Field(..., description="code of the organising unit")
    scheme: str | None = Field(None, description="scheme of the unit code; the province's by default")
    starts_on: date
    ends_on: date
    plans_due_days: int = Field(7, description="plans must be approved this many days before")


class EventOut(Schema):
    id: int
    name: str
    kind: str
    unit: str = Field(alias="unit.code")
    starts_on: date
    ends_on: date
    closed: bool

    @staticmethod
    def resolve_closed(e: Event) -> bool:
        return e.closed_at is not None


class SiteOut(Schema):
    id: int
    name: str
    unit: str = Field(alias="unit.code")
    place: str = Field(alias="place.public_code")
    plan_status: str
    status: str
    present: int
    mobile_served: int
    reported_at: datetime | None
    decision: str


class SitesOut(Schema):
    count: int
    sites: list[SiteOut]


class StatusIn(Schema):
    status: str = Field(..., description="opened, normal, incident or closed")
    present: int | str = Field(0, description="voters or candidates present")
    mobile_served: int | str = Field(0, description="voters served by the mobile ballot box")
    incident: str = Field("", description="for an incident: what happened, without names")


@router.get(
    "/events", response=list[EventOut], access="signed-in", summary="Events of the user's jurisdiction and above it"
)
def list_events(request: HttpRequest) -> list[Event]:
    return list(queries.visible_events(request.user)[:200])


@router.post("/events", response={201: EventOut}, access="signed-in", summary="Create an exam or election")
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    unit = territory.get_unit(payload.unit, payload.scheme or settings.DEFAULT_SCHEME)
    event = actions.create_event(
        actions.EventData(payload.name, payload.kind, unit, payload.starts_on, payload.ends_on, payload.plans_due_days),
        request_user(request),
    )
    return Status(201, event)


@router.get(
    "/events/{id}/sites", response=SitesOut, access="nobody", summary="Sites of an event in the user's jurisdiction"
)
def list_sites(
    request: HttpRequest, id: int, status: str | None = None, offset: int = 0, limit: int = 200
) -> dict[str, object]:
    event = queries.get_event(request.user, id)
    sites = queries.visible_sites(request.user, event).select_related("unit", "place")
    if status:
        sites = sites.filter(status=status)
    limit = max(1, min(limit, 1000))
    return {
        "count": sites.count(),
        "sites": list(sites.order_by("path", "pk")[max(offset, 0) : max(offset, 0) + limit]),
    }


@router.post(
    "/events/{id}/sites/{site_id}/status",
    response=SiteOut,
    access="signed-in",
    summary="Report a site's status on the day (an incident opens a response record)",
)
def report_status(request: HttpRequest, id: int, site_id: int, payload: StatusIn) -> Site:
    event = queries.get_event(request.user, id)
    site = queries.get_site(request.user, event, site_id)
    actions.report_status(site, request_user(request), **payload.model_dump())
    site.refresh_from_db()
    return site
