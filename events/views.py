"""Pages of exams and elections: the events, an event's sites with the plans still missing and the
sites flagged for a decision, a site's plan, review, status and incidents, the live board, and
the report after the event. Every write goes through `actions`."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import jurisdiction
from accounts.http import request_user
from accounts.models import User
from directives import official
from lib.forms import page_forms, submit
from lib.picker import PICK_LIMIT, pick_results, search_text
from safety.pickers import find_places
from territory import queries as territory
from territory.models import AdminUnit

from . import actions, queries, report
from .forms import DecisionForm, EventForm, PlanForm, ReviewForm, SiteForm, StatusForm
from .models import DayStatus, Event, Incident, Site


def _unit(request: HttpRequest, event: Event) -> AdminUnit:
    home = jurisdiction.home_unit(request.user)
    code = request.GET.get("unit", "").strip()
    if code:
        unit = territory.get_unit(code, event.unit.scheme)
    elif home is not None and home.is_within(event.unit):
        unit = home
    else:
        unit = event.unit
    jurisdiction.require_unit(request.user, unit)
    return unit


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """The events of the user's jurisdiction and above it, and, for an officer who changes
    records, the form that creates one organised by a unit of theirs."""
    units = list(jurisdiction.scope_units(request.user, jurisdiction.CHANGE_ROLES))
    if request.method == "POST" and not units:
        raise PermissionDenied(_("Only officers of a unit may create an event."))
    form = EventForm(units, request.POST if request.method == "POST" else None)
    sent = submit(
        request,
        form,
        lambda data: actions.create_event(actions.EventData(**data), request_user(request)),
        _("Event created."),
    )
    if sent.done:
        return redirect("events:detail", sent.result.pk)
    context = {"events": queries.visible_events(request.user)[:100], "form": form if units else None}
    return render(request, "events/list.html", context, status=sent.status)


def _event_page(
    request: HttpRequest,
    event: Event,
    status: int = 200,
    errors: list[str] | None = None,
    site_form: SiteForm | None = None,
) -> HttpResponse:
    sites = queries.visible_sites(request.user, event).select_related("unit", "place")
    context = {
        "event": event,
        "sites": sites[:300],
        "site_count": sites.count(),
        "unready": queries.unready_sites(request.user, event),
        "plans_due_on": queries.plans_due_on(event),
        "flagged": queries.flagged_sites(request.user, event),
        "site_form": (
            site_form or SiteForm(request.user, event)
            if event.closed_at is None and queries.site_places(request.user, event).exists()
            else None
        ),
        "can_close": queries.may_change(request.user, event.unit) and event.closed_at is None,
        "errors": errors or [],
    }
    return render(request, "events/detail.html", context, status=status)


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, queries.get_event(request.user, pk))


@login_required
@require_GET
def site_place_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """The site's place picker (JSON): places of the event's type in its area and the user's
    jurisdiction that are not yet a site."""
    event = queries.get_event(request.user, pk)
    text = search_text(request)
    return pick_results(find_places(queries.site_places(request.user, event), text, PICK_LIMIT) if text else [])


@login_required
@require_POST
def add_site(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event(request.user, pk)
    form = SiteForm(request.user, event, request.POST)
    if not form.is_valid():
        return _event_page(request, event, 400, site_form=form)
    try:
        site = actions.add_site(
            event, request_user(request), place=form.cleaned_data["place"], name=form.cleaned_data["name"]
        )
    except ValidationError as error:
        return _event_page(request, event, 400, [str(m) for m in error.messages], site_form=form)
    messages.success(request, _("Site added."))
    return redirect("events:site", event.pk, site.pk)


@login_required
@require_POST
def close_event(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event(request.user, pk)
    try:
        actions.close_event(event, request_user(request))
    except ValidationError as error:
        return _event_page(request, event, 400, [str(m) for m in error.messages])
    messages.success(request, _("Event closed."))
    return redirect("events:detail", event.pk)


def _site_page(
    request: HttpRequest,
    event: Event,
    site_pk: int,
    status: int = 200,
    errors: list[str] | None = None,
    sent: forms.Form | None = None,
) -> HttpResponse:
    """A site's page; `sent` is a form of it that was refused, shown with what was typed."""
    site = queries.get_site(request.user, event, site_pk)
    can_report = queries.may_change(request.user, site.unit) and event.closed_at is None
    step_forms = page_forms(
        {
            "plan_form": PlanForm(site=site, read_only=not can_report),
            "status_form": StatusForm(),
            "decision_form": DecisionForm(initial={"decision": site.decision, "note": site.decision_note}),
            "review_form": ReviewForm(),
        },
        sent,
    )
    context = {
        "event": event,
        "site": site,
        "plan": getattr(site, "plan", None),
        "area": queries.area_of(site.unit),
        "can_report": can_report,
        "owners": queries.owner_choices(request.user, site)
        if queries.may_change(request.user, site.unit) and event.closed_at is None
        else [],
        "can_review": site.unit.parent is not None
        and queries.may_change(request.user, site.unit.parent)
        and event.closed_at is None,
        **step_forms,
        "incidents": site.incidents.prefetch_related("actions"),
        "reports": site.reports.all()[:20],
        "errors": errors or [],
    }
    return render(request, "events/site.html", context, status=status)


@login_required
def site_detail(request: HttpRequest, pk: int, site_pk: int) -> HttpResponse:
    return _site_page(request, queries.get_event(request.user, pk), site_pk)


SiteWrite = Callable[..., object]


def _site_write(
    done: str | Promise,
    form: Callable[..., forms.Form] | None = None,
    at: dict[str, str] | None = None,
    above: bool = False,
) -> Callable[[SiteWrite], Callable[..., HttpResponse]]:
    """A POST on a site: `write(request, site, **more of the URL)` runs on the site the URL names;
    with a `form`, `write(request, site, cleaned_data)` runs on the valid form, and a refusal goes on
    its fields (`at` names the field of an error the action names otherwise) with what was typed.
    A form is read only from who may change the site's unit (the level above it when `above`):
    anyone else is refused (403) before. A refusal shows on the site's page (400), success
    redirects there with `done`."""

    def decorate(write: SiteWrite) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        @wraps(write)
        def view(request: HttpRequest, pk: int, site_pk: int, **more: Any) -> HttpResponse:
            event = queries.get_event(request.user, pk)
            site = queries.get_site(request.user, event, site_pk)
            if form is not None:
                if not queries.may_change(request.user, (site.unit.parent or site.unit) if above else site.unit):
                    raise PermissionDenied(_("%(site)s is not in your jurisdiction.") % {"site": site.name})
                bound = form(request.POST, site=site)
                sent = submit(request, bound, lambda data: write(request, site, data), str(done), at=at)
                if sent.done:
                    return redirect("events:site", event.pk, site.pk)
                return _site_page(request, event, site_pk, sent.status, sent=bound)
            try:
                write(request, site, **more)
            except ValidationError as error:
                return _site_page(request, event, site_pk, 400, [str(m) for m in error.messages])
            messages.success(request, str(done))
            return redirect("events:site", event.pk, site.pk)

        return view

    return decorate


@_site_write(gettext_lazy("Plan submitted for approval."), PlanForm)
def submit_plan(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    answers = {code: value for code, value in data.items() if code != "notes"}
    actions.submit_plan(site, request_user(request), answers=answers, notes=data["notes"])


@_site_write(gettext_lazy("Responsible person saved."))
def set_owner(request: HttpRequest, site: Site) -> None:
    chosen = request.POST.get("owner", "")
    owner = User.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if chosen and owner is None:
        raise ValidationError(_("Choose a person from the list."))
    actions.set_site_owner(site, request_user(request), owner=owner)


@_site_write(gettext_lazy("Review recorded."), ReviewForm, above=True)
def review_plan(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    actions.review_plan(site, request_user(request), approve=data["verdict"] == "approve", note=data["note"])


@_site_write(gettext_lazy("Decision recorded."), DecisionForm, at={"decision_note": "note"}, above=True)
def decide(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    actions.decide(site, request_user(request), decision=data["decision"], note=data["note"])


@_site_write(gettext_lazy("Status reported."), StatusForm)
def report_status(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    actions.report_status(site, request_user(request), **data)


@_site_write(gettext_lazy("Action recorded."))
def add_response(request: HttpRequest, site: Site, incident_pk: int) -> None:
    incident = Incident.objects.filter(site=site, pk=incident_pk).first()
    if incident is None:
        raise ValidationError(_("No such incident."))
    actions.add_response(
        incident, request_user(request), text=request.POST.get("text", ""), close=bool(request.POST.get("close"))
    )


@login_required
def live_board(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.get_event(request.user, pk)
    unit = _unit(request, event)
    context = {
        "event": event,
        "unit": unit,
        "board": queries.board(request.user, event, unit),
        "statuses": DayStatus.choices,
        "children": unit.children.order_by("code"),
        "now": timezone.now(),
    }
    return render(request, "events/board.html", context)


@login_required
def report_file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    event = queries.get_event(request.user, pk)
    unit = _unit(request, event)
    rows = queries.report_rows(request.user, event, unit)
    name = f"bao-cao-{event.pk}-{unit.code}.{extension}"
    if extension == "xlsx":
        return official.download(report.render_xlsx(event, unit, rows), extension, name)
    document = report.build(event, unit, rows, timezone.localdate())
    return official.download(official.render(document, extension), extension, name)
