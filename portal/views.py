"""Citizens' reports on the web: sending one and following it (no account), the public list; the
officers' queue, a report's page and their actions."""

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.http import request_user
from accounts.models import Role, RoleAssignment, User
from lib import publiccache
from lib.forms import submit
from safety.public import get_public_place
from territory.models import AdminUnit

from . import abuse, actions, locating, queries
from .actions import OFFICER_ACTIONS
from .forms import ERRORS_AT, LookupForm, PublicFilterForm, QueueFilterForm, ReportForm, TransferForm, WhereForm
from .locating import portal_province
from .models import PUBLIC_EVENTS, Report, ReportPhoto

PAGE_SIZE = 50
DEVICE_COOKIE_AGE = 365 * 24 * 3600


def _with_device(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A random id kept by the browser, so a device's reports are counted across addresses."""
    if not request.COOKIES.get(abuse.DEVICE_COOKIE):
        response.set_cookie(
            abuse.DEVICE_COOKIE, secrets.token_urlsafe(16), max_age=DEVICE_COOKIE_AGE, httponly=True, samesite="Lax"
        )
    return response


def report_new(request: HttpRequest) -> HttpResponse:
    place = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
    else:
        form = ReportForm(initial={"place": request.GET.get("place", "")[:12]})
    sent = submit(
        request,
        form,
        lambda data: actions.submit_report(form.values(), form.uploads(), client=abuse.client_of(request)),
        invalid=422,
        name_unknown=False,
        at=ERRORS_AT,
        refused={actions.RateLimited: 429},
    )
    if sent.done:
        request.session["portal_sent"] = sent.result.tracking_code
        return redirect("portal:status", code=sent.result.tracking_code)
    code = form["place"].value()
    if code:
        try:
            place = get_public_place(str(code))
        except Http404:
            place = None
    context = {"form": form, "place": place, "province": portal_province()}
    return _with_device(request, render(request, "portal/report_form.html", context, status=sent.status))


def report_status(request: HttpRequest, code: str) -> HttpResponse:
    report = queries.get_by_tracking_code(code)
    just_sent = request.session.pop("portal_sent", None) == report.tracking_code
    steps = [e for e in report.events.all() if e.kind in PUBLIC_EVENTS]
    return render(request, "portal/report_status.html", {"report": report, "steps": steps, "just_sent": just_sent})


def public_list(request: HttpRequest) -> HttpResponse:
    lookup = LookupForm(request.GET if "code" in request.GET else None)
    if lookup.is_bound and lookup.is_valid():
        code = lookup.cleaned_data["code"].strip().upper()
        try:
            return redirect("portal:status", code=queries.get_by_tracking_code(code).tracking_code)
        except Http404:
            lookup.add_error("code", _("No report has this tracking code."))
    form = PublicFilterForm(request.GET)
    reports = queries.published_reports()
    if form.is_valid():
        data = form.cleaned_data
        unit = (
            AdminUnit.objects.filter(scheme__in=[portal_scheme()], code=data["unit"]).first() if data["unit"] else None
        )
        reports = queries.apply_filters(reports, unit, data["category"], data["status"])
    ordered = reports.select_related("category", "unit", "place_unit").order_by("-received_at", "-pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    dots = queries.report_dots(reports)
    context = {"form": form, "lookup": lookup, "page": page, "dots": dots}
    return render(request, "portal/public_list.html", context)


def portal_scheme() -> str:
    province = portal_province()
    return province.scheme if province else ""


def home(request: HttpRequest) -> HttpResponse:
    """The province's epidemic portal; officers land on their jurisdiction, owners on their places."""
    unit = jurisdiction.home_unit(request.user)
    if unit is not None:
        return redirect("units:unit", scheme=unit.scheme, code=unit.code)
    if jurisdiction.has_role(request.user, Role.OWNER):
        return redirect("safety:my_places")
    if request.user.is_authenticated and jurisdiction.member_organisations(request.user):
        # A newspaper's or an agency's officer: their organisation and its directives.
        return render(request, "organisation_home.html")
    province = portal_province()
    if province is None:
        return render(request, "portal/home_empty.html")
    form = WhereForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "province": province, **queries.province_overview(province)}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        point = None
        try:
            if data["unit"]:
                here = AdminUnit.objects.filter(path__under=province.path, code=data["unit"]).first()
                if here is None:
                    raise ValidationError(_("No commune or village has code %(code)s.") % {"code": data["unit"]})
            elif data["lat"] is not None and data["lon"] is not None:
                point = (float(data["lat"]), float(data["lon"]))
                here = locating.from_point(data["lat"], data["lon"]).place_unit
            else:
                here = None
                context["found"] = queries.search_where(data["q"], province) if data["q"] else None
        except ValidationError as invalid:
            form.add_error(None, invalid.messages[0])
        else:
            if here is not None:
                context["here"] = queries.applies_at(here, data["type"], point)
    return render(request, "portal/home.html", context, status=400 if form.errors else 200)


# Officers ------------------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not jurisdiction.scope_units(request.user) and not request.user.is_superuser:
        raise Http404(_("Citizens' reports are handled by officers."))
    form = QueueFilterForm(request.GET)
    reports = queries.visible_reports(request.user)
    now = timezone.now()
    if form.is_valid():
        data = form.cleaned_data
        reports = queries.apply_filters(reports, None, data["category"], data["status"])
        if data["overdue"]:
            reports = queries.overdue(reports, now)
        if data["escalated"]:
            reports = queries.escalated_to(request.user, reports)
    counts = queries.tally(queries.visible_reports(request.user), now)
    counts["escalated"] = queries.escalated_to(request.user, queries.visible_reports(request.user)).count()
    ordered = reports.select_related("category", "unit", "assigned_to", "escalated_to").order_by("due_at", "pk")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "counts": counts, "now": now}
    return render(request, "portal/queue.html", context)


def _assignees(report: Any) -> list[User]:
    paths = [report.unit.path]
    roles = RoleAssignment.objects.filter(role__in=[Role.OFFICER, Role.INSPECTOR], unit__isnull=False).select_related(
        "user", "unit"
    )
    people = {
        r.user_id: r.user
        for r in roles
        if r.unit is not None
        and (any(p.startswith(r.unit.path) for p in paths) or r.unit.path.startswith(report.unit.path))
    }
    return sorted(people.values(), key=lambda u: u.get_username())


def _detail(
    request: HttpRequest,
    report: Any,
    status: int = 200,
    errors: dict[str, list[str]] | None = None,
    action: str = "",
    transfer_form: TransferForm | None = None,
) -> HttpResponse:
    can_act = jurisdiction.can_change_unit(request.user, report.unit)
    context = {
        "transfer_form": transfer_form or (TransferForm(request.user) if can_act and report.is_open else None),
        "report": report,
        "events": report.events.select_related("by", "unit", "inspection", "violation"),
        "photos": report.photos.all(),
        "can_act": can_act,
        "assignees": _assignees(report),
        "errors": errors or {},
        "general_errors": (errors or {}).get("__all__", []),
        "failed_action": action,
        "values": request.POST if errors else {},
        "now": timezone.now(),
    }
    return render(request, "portal/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, queries.get_report(request.user, pk))


@login_required
@require_POST
def report_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = queries.get_report(request.user, pk)
    if action not in OFFICER_ACTIONS:
        raise Http404(_("Unknown action."))
    if action == "transfer":
        return _transfer(request, report)
    try:
        actions.perform(report, request_user(request), action, request.POST)
    except actions.ReportConflict as conflict:
        return _detail(request, queries.get_report(request.user, pk), 409, {"__all__": [str(conflict)]}, action)
    except ValidationError as invalid:
        return _detail(request, queries.get_report(request.user, pk), 422, invalid.message_dict, action)
    messages.success(request, _("Saved."))
    return _after_action(request, pk)


def _transfer(request: HttpRequest, report: Report) -> HttpResponse:
    """The transfer form: a unit or an agency picked by name; a refusal shows at its field."""
    form = TransferForm(request.user, request.POST)
    sent = submit(
        request,
        form,
        lambda data: actions.transfer_report(
            report, request_user(request), unit=data["unit"], organisation=data["organisation"], note=data["note"]
        ),
        _("Saved."),
        invalid=422,
        refused={actions.ReportConflict: 409},
    )
    if sent.done:
        return _after_action(request, report.pk)
    return _detail(request, queries.get_report(request.user, report.pk), sent.status, None, "transfer", form)


def _after_action(request: HttpRequest, pk: int) -> HttpResponse:
    if not queries.visible_reports(request.user).filter(pk=pk).exists():
        return redirect("portal:queue")  # transferred out of the officer's jurisdiction
    return redirect("portal:detail", pk=pk)


@login_required
def photo(request: HttpRequest, pk: int) -> FileResponse:
    found = ReportPhoto.objects.filter(pk=pk).first()
    if found is None or not queries.visible_reports(request.user).filter(pk=found.report_id).exists():
        raise Http404(_("No photo with this number is visible to you."))
    return FileResponse(found.file.open("rb"), content_type="image/jpeg")


publiccache.register("home", lambda kwargs: ["site", "zones", "places", "documents", "violations", "reports"])
publiccache.register("portal:public_list", lambda kwargs: ["reports"])
publiccache.register("portal:status", lambda kwargs: [f"report:{kwargs['code']}"])
