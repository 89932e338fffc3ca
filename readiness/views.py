"""Pages of readiness: the gap table and map of a unit's tree, a unit's own declaration with its
forms, and the completeness of the weekly updates. Every write goes through `actions`."""

from collections.abc import Callable
from datetime import date
from functools import wraps

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
from territory.models import AdminUnit

from . import actions, queries
from .forms import LendForm
from .models import ResourceKind, Scenario


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
    lend_form: LendForm | None = None,
) -> HttpResponse:
    gaps = queries.unit_gaps(unit)
    parent = unit.parent
    context = {
        "unit": unit,
        "d": queries.declaration(unit),
        "gaps": [(g, queries.gap_lines(g)) for g in gaps],
        "can_change": queries.may_change(request.user, unit),
        "can_pledge": parent is not None and queries.may_change(request.user, parent),
        "can_verify": queries.inspecting_unit(request.user, unit) is not None,
        "verifications": queries.verifications(unit),
        "pledgers": [a for a in unit.ancestors() if queries.may_change(request.user, a)],
        "lend_form": lend_form
        or (
            LendForm(request.user, unit) if queries.may_change(request.user, unit) and unit.children.exists() else None
        ),
        "scenarios": queries.scenarios(),
        "kinds": queries.kinds(),
        "errors": errors or [],
        "today": date.today(),
    }
    return render(request, "readiness/unit.html", context, status=status)


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


@_unit_write(gettext_lazy("Pledge saved."))
def save_pledge(request: HttpRequest, unit: AdminUnit) -> None:
    by_unit_id = request.POST.get("by_unit", "")
    by_unit = AdminUnit.objects.filter(pk=int(by_unit_id)).first() if by_unit_id.isdigit() else None
    kind = ResourceKind.objects.filter(code=request.POST.get("kind", ""), is_active=True).first()
    if by_unit is None or kind is None:
        raise ValidationError(_("Choose who pledges and which kind."))
    actions.pledge(unit, by_unit, request_user(request), kind=kind, quantity=request.POST.get("quantity"))


@login_required
@require_POST
def lend(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A pledge made from the lender's page: the unit lent to is picked among those below it."""
    lender = queries.get_unit(request.user, scheme, code)
    form = LendForm(request.user, lender, request.POST)
    if not form.is_valid():
        return _unit_page(request, lender, status=400, lend_form=form)
    data = form.cleaned_data
    return _attempt(
        request,
        lender,
        lambda: actions.pledge(
            data["unit"], lender, request_user(request), kind=data["kind"], quantity=data["quantity"]
        ),
        _("Pledge saved."),
    )


@_unit_write(gettext_lazy("Drill recorded."))
def record_drill(request: HttpRequest, unit: AdminUnit) -> None:
    actions.record_drill(
        unit,
        request_user(request),
        held_on=request.POST.get("held_on", ""),
        scenario=Scenario.objects.filter(code=request.POST.get("scenario", "")).first(),
        participants=request.POST.get("participants", "0") or "0",
        findings=request.POST.get("findings", ""),
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
