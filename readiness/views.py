"""Pages of readiness: the gap table and map of a unit's tree, a unit's own declaration with its
forms, and the completeness of the weekly updates. Every write goes through `actions`."""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.http import request_user
from inspections.models import Outcome
from lib.forms import page_forms, submit
from territory.models import AdminUnit

from . import actions, queries
from .forms import DrillForm, LendForm, PledgeForm


def _problems(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The gaps of a unit's tree: by default each unit against its next scenario (from its
    recent cases), or every unit against one scenario chosen."""
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit"))
    chosen = request.GET.get("scenario") or queries.NEXT
    context = {
        "unit": unit,
        "ancestors": [a for a in unit.ancestors() if jurisdiction.can_see_unit(request.user, a)],
        "scenarios": queries.scenarios(),
        "map_tile_url": settings.MAP_TILE_URL,
    }
    if chosen == queries.NEXT:
        steps = queries.next_steps(unit)
        rows = queries.roll_up_next(unit, steps)
        context.update(
            next=steps,
            scenario=None,
            scenario_code=queries.NEXT,
            short=queries.short_communes_next(unit, steps),
            map_points=queries.map_points_next(unit, steps),
        )
        for row in rows:
            row.step = steps.steps.get(row.unit.pk)  # type: ignore[attr-defined]
    else:
        scenario = queries.get_scenario(chosen)
        rows = queries.roll_up(unit, scenario)
        context.update(
            scenario=scenario,
            scenario_code=scenario.code,
            short=queries.short_communes(unit, scenario),
            map_points=queries.map_points(unit, scenario),
        )
    context.update(top=rows[0], children=rows[1:])
    return render(request, "readiness/overview.html", context)


def _unit_page(
    request: HttpRequest,
    unit: AdminUnit,
    status: int = 200,
    errors: list[str] | None = None,
    sent: forms.Form | None = None,
) -> HttpResponse:
    """A unit's readiness; `sent` is a form of it that was refused, shown with what was typed."""
    gaps = queries.unit_gaps(unit)
    pledgers = _pledgers(request, unit)
    lend_form = (
        LendForm(request.user, unit) if queries.may_change(request.user, unit) and unit.children.exists() else None
    )
    unit_forms = page_forms(
        {
            "lend_form": lend_form,
            "pledge_form": PledgeForm(pledgers) if pledgers else None,
            "drill_form": DrillForm(),
        },
        sent,
    )
    context = {
        "unit": unit,
        "d": queries.declaration(unit),
        "gaps": [(g, queries.gap_lines(g)) for g in gaps],
        "can_change": queries.may_change(request.user, unit),
        "can_verify": queries.inspecting_unit(request.user, unit) is not None,
        "verifications": queries.verifications(unit),
        **unit_forms,
        "errors": errors or [],
        "today": date.today(),
    }
    return render(request, "readiness/unit.html", context, status=status)


def _pledgers(request: HttpRequest, unit: AdminUnit) -> list[AdminUnit]:
    """The units above this one that the user may pledge for."""
    return [a for a in unit.ancestors() if queries.may_change(request.user, a)]


def _post_form(
    request: HttpRequest, unit: AdminUnit, form: forms.Form, write: Callable[[dict[str, Any]], object], done: str
) -> HttpResponse:
    """One of a unit's forms posted: the action runs on the valid form and success returns to the
    unit's page; a refusal shows the page again with the form as typed, each error at its field."""
    sent = submit(request, form, write, done)
    if sent.done:
        return redirect("readiness:unit", unit.scheme, unit.code)
    return _unit_page(request, unit, status=sent.status, sent=form)


@login_required
def unit_view(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    return _unit_page(request, queries.get_unit(request.user, scheme, code))


def _attempt(request: HttpRequest, unit: AdminUnit, write: Callable[[], object], done: str) -> HttpResponse:
    """Run an action: its refusal shows on the unit's page (400), success redirects with `done`."""
    try:
        write()
    except ValidationError as error:
        return _unit_page(request, unit, status=400, errors=_problems(error))
    messages.success(request, done)
    return redirect("readiness:unit", unit.scheme, unit.code)


UnitWrite = Callable[[HttpRequest, AdminUnit], object]


def _unit_write(done: str | Promise) -> Callable[[UnitWrite], Callable[..., HttpResponse]]:
    """A POST on a unit's readiness: `write(request, unit)` runs on the unit the URL names (`_attempt`)."""

    def decorate(write: UnitWrite) -> Callable[..., HttpResponse]:
        @login_required
        @require_POST
        @wraps(write)
        def view(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
            unit = queries.get_unit(request.user, scheme, code)
            return _attempt(request, unit, lambda: write(request, unit), str(done))

        return view

    return decorate


@_unit_write(gettext_lazy("Resources saved."))
def save_stocks(request: HttpRequest, unit: AdminUnit) -> None:
    values = {}
    declared = queries.declaration(unit).stocks
    for kind in queries.kinds():
        quantity = request.POST.get(f"q-{kind.code}")
        if quantity is None:
            continue
        if not quantity.strip() and kind.code not in declared:
            continue  # a kind left empty and never declared stays undeclared
        values[kind.code] = actions.StockValue(
            quantity, request.POST.get(f"u-{kind.code}") if kind.tracks_use else None
        )
    actions.declare(unit, request_user(request), stocks=values)


@_unit_write(gettext_lazy("Steering committee saved."))
def save_committee(request: HttpRequest, unit: AdminUnit) -> None:
    roles, positions, names = (request.POST.getlist(k) for k in ("role", "position", "name"))
    members = [
        actions.Member(r, p, n)
        for r, p, n in zip(roles, positions, names + [""] * len(roles), strict=False)
        if r.strip() or p.strip() or n.strip()
    ]
    actions.declare(
        unit,
        request_user(request),
        duty_phone=request.POST.get("duty_phone", ""),
        committee_name=request.POST.get("committee_name", ""),
        members=members,
    )


@_unit_write(gettext_lazy("Plan uploaded."))
def upload_plan(request: HttpRequest, unit: AdminUnit) -> None:
    actions.upload_plan(
        unit, request_user(request), title=request.POST.get("title", ""), upload=request.FILES.get("file")
    )


@login_required
@require_POST
def save_pledge(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A pledge made from the page of the unit it is for, by a unit of the user's above it."""
    unit = queries.get_unit(request.user, scheme, code)
    pledgers = _pledgers(request, unit)
    if not pledgers:
        raise PermissionDenied(_("A pledge is made by a level above the unit it helps."))
    form = PledgeForm(pledgers, request.POST)
    return _post_form(
        request,
        unit,
        form,
        lambda data: actions.pledge(
            unit, data["by_unit"], request_user(request), kind=data["kind"], quantity=data["quantity"]
        ),
        _("Pledge saved."),
    )


@login_required
@require_POST
def lend(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A pledge made from the lender's page: the unit lent to is picked among those below it."""
    lender = queries.get_unit(request.user, scheme, code)
    actions.require_change(request_user(request), lender)
    form = LendForm(request.user, lender, request.POST)
    return _post_form(
        request,
        lender,
        form,
        lambda data: actions.pledge(
            data["unit"], lender, request_user(request), kind=data["kind"], quantity=data["quantity"]
        ),
        _("Pledge saved."),
    )


@login_required
@require_POST
def record_drill(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    unit = queries.get_unit(request.user, scheme, code)
    actions.require_change(request_user(request), unit)
    form = DrillForm(request.POST)
    return _post_form(
        request,
        unit,
        form,
        lambda data: actions.record_drill(unit, request_user(request), **data),
        _("Drill recorded."),
    )


@login_required
def plan_file(request: HttpRequest, scheme: str, code: str, version: int) -> FileResponse:
    unit = queries.get_unit(request.user, scheme, code)
    plan = next((p for p in queries.declaration(unit).plans if p.version == version), None)
    if plan is None:
        raise Http404(_("No such version of the plan."))
    response = FileResponse(plan.file.open("rb"), content_type=plan.content_type)
    response["Content-Disposition"] = f'inline; filename="v{plan.version}.{plan.name.rsplit(".", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def reporting(request: HttpRequest) -> HttpResponse:
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit"))
    return render(request, "readiness/reporting.html", {"unit": unit, "report": queries.reporting(unit)})


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def verify(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A readiness inspection by a level above: the declared figures, each counted on the spot."""
    unit = queries.get_unit(request.user, scheme, code)
    by_unit = queries.inspecting_unit(request.user, unit)
    if by_unit is None:
        raise PermissionDenied(_("A unit's readiness is inspected by a level above it, within your jurisdiction."))
    stocks = queries.declared_stocks(unit)
    errors: list[str] = []
    status = 200
    posted = request.POST
    if request.method == "POST":
        counted = {
            s.kind.code: actions.Counted(posted.get(f"v-{s.kind.code}", ""), posted.get(f"n-{s.kind.code}", ""))
            for s in stocks
        }
        try:
            verification = actions.verify(
                unit,
                request_user(request),
                inspected_on=_day(posted.get("inspected_on", "")),
                counted=counted,
                outcome=posted.get("outcome", ""),
                inspectors=posted.get("inspectors", ""),
                findings=posted.get("findings", ""),
                fix_by=_day(posted.get("fix_by", "")),
            )
        except ValidationError as error:
            errors, status = _problems(error), 400
        else:
            messages.success(request, _("The readiness inspection is recorded."))
            return redirect("inspections:detail", verification.inspection_id)
    context = {
        "unit": unit,
        "by_unit": by_unit,
        "lines": [(s, posted.get(f"v-{s.kind.code}", ""), posted.get(f"n-{s.kind.code}", "")) for s in stocks],
        "outcomes": Outcome.choices,
        "posted": posted,
        "errors": errors,
        "today": date.today(),
    }
    return render(request, "readiness/verify.html", context, status=status)
