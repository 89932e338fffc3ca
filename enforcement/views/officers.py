"""Officers' and inspectors' pages: violations of their jurisdiction, recording one, and the
decision, publication and withdrawal that only officers of the unit or above may make."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.http import request_user
from inspections.models import TargetKind
from inspections.queries import visible_inspections
from lib import attachments
from lib.forms import add_errors, submit
from lib.routes import route

from .. import actions
from ..actions import ViolationConflict
from ..forms import DecideForm, EvidenceForm, OfficerFilterForm, ViolationForm, WithdrawForm
from ..models import Evidence, Violation, ViolationStatus
from ..queries import apply_filters, get_violation, parse_filters, visible_violations

PAGE_SIZE = 50


@login_required
def violation_list(request: HttpRequest) -> HttpResponse:
    form = OfficerFilterForm(request.user, request.GET)
    page = None
    unit = None
    if form.is_valid():
        data = form.cleaned_data
        unit = jurisdiction.unit_or_home(
            request.user, data["unit"] and data["unit"].code, data["unit"] and data["unit"].scheme
        )
        try:
            filters = parse_filters(None, data["type"], data["period"], status=data["status"])
        except ValidationError as invalid:
            add_errors(form, invalid)
        else:
            found = apply_filters(visible_violations(request.user).filter(unit_path__under=unit.path), filters)
            ordered = found.select_related("type", "unit").order_by("-created_at", "-pk")
            page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "unit": unit}
    return render(request, "enforcement/list.html", context, status=200 if page is not None else 400)


def _values(cleaned: dict[str, Any]) -> dict[str, Any]:
    data = dict(cleaned)
    data["establishment"] = data["establishment"] or None
    data["inspection"] = data["inspection"] or None
    return data


def _initial(request: HttpRequest) -> dict[str, Any]:
    """A violation found in an inspection starts from that inspection's target."""
    initial: dict[str, Any] = {}
    number = request.GET.get("inspection", "")
    if number.isdigit():
        inspection = (
            visible_inspections(request.user).filter(pk=int(number)).select_related("target_place", "target_unit")
        )
        found = inspection.first()
        if found is not None:
            initial["inspection"] = found.pk
            initial["occurred_on"] = found.inspected_on
            if found.target_kind == TargetKind.PLACE and found.target_place is not None:
                initial["offender_kind"] = "place"
                initial["establishment"] = found.target_place.public_code
            elif found.target_unit is not None:
                initial["unit"] = found.target_unit.code
    return initial


@login_required
def violation_new(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_superuser or jurisdiction.unit_paths(request.user)):
        raise PermissionDenied(_("Only officers and inspectors record violations."))
    form = ViolationForm(request.user, request.POST or None, initial=_initial(request))
    sent = submit(
        request,
        form,
        lambda data: actions.record_violation(request_user(request), _values(data)),
        _("The violation is recorded as a draft."),
    )
    if sent.done:
        return redirect("enforcement:detail", pk=sent.result.pk)
    return render(request, "enforcement/form.html", {"form": form}, status=sent.status)


def _change(
    request: HttpRequest, violation: Violation, form: forms.Form, action: Callable[[dict[str, Any]], object], done: str
) -> tuple[HttpResponse | None, int]:
    """A change to a violation posted from a form (`submit`): back to its page when done, or when
    its state has moved on meanwhile (saying so); else None and the status to show the form with."""
    try:
        sent = submit(request, form, action, done)
    except ViolationConflict as conflict:
        messages.error(request, str(conflict))
        return redirect("enforcement:detail", pk=violation.pk), 409
    return (redirect("enforcement:detail", pk=violation.pk) if sent.done else None), sent.status


@login_required
def violation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_violation(request.user, pk)
    if violation.status != ViolationStatus.DRAFT:
        messages.error(request, _("Only a draft can be changed; withdraw a decided violation instead."))
        return redirect("enforcement:detail", pk=pk)
    initial = {
        "offender_kind": violation.offender_kind,
        "establishment": violation.establishment.public_code if violation.establishment else "",
        "offender_name": violation.offender_name,
        "is_official": violation.is_official,
        "position": violation.position,
        "agency": violation.agency,
        "type": violation.type.code,
        "act": violation.act,
        "unit": violation.unit.code,
        "occurred_on": violation.occurred_on,
        "inspection": violation.inspection_id,
    }
    form = ViolationForm(request.user, request.POST or None, initial=initial, scheme=violation.unit.scheme)
    back, status = _change(
        request,
        violation,
        form,
        lambda data: actions.update_violation(
            violation, request_user(request), {**_values(data), "scheme": violation.unit.scheme}
        ),
        _("The draft is saved."),
    )
    if back is not None:
        return back
    return render(request, "enforcement/form.html", {"form": form, "violation": violation}, status=status)


def _detail(request: HttpRequest, violation: Violation, status: int = 200, **forms: Any) -> HttpResponse:
    officer = jurisdiction.can_change_unit(request.user, violation.unit)
    context = {
        "v": violation,
        "officer": officer,
        "evidence": violation.evidence.all(),
        "decide_form": forms.get("decide_form") or DecideForm(initial={"decision_authority": ""}),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
    }
    return render(request, "enforcement/detail.html", context, status=status)


@login_required
def violation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_violation(request.user, pk))


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A step of a violation: its decision, publication or withdrawal (the URL says which)."""
    violation = get_violation(request.user, pk)
    form_class = {"decide": DecideForm, "withdraw": WithdrawForm}.get(step)
    form = form_class(request.POST) if form_class else None
    try:
        if step == "publish":
            actions.publish_violation(violation, request_user(request))
        elif form is None or not form.is_valid():
            return _detail(request, violation, 400, **{f"{step}_form": form})
        elif step == "decide":
            actions.decide_violation(violation, request_user(request), **form.cleaned_data)
        else:
            actions.withdraw_violation(violation, request_user(request), reason=form.cleaned_data["reason"])
    except ValidationError as invalid:
        assert form is not None
        add_errors(form, invalid)
        return _detail(request, violation, 400, **{f"{step}_form": form})
    except ViolationConflict as conflict:
        messages.error(request, str(conflict))
        return _detail(request, get_violation(request.user, pk), 409)
    done = {
        "decide": _("The decision is recorded."),
        "publish": _("The violation is published."),
        "withdraw": _("The violation is withdrawn; its record stays."),
    }
    messages.success(request, done[step])
    return redirect("enforcement:detail", pk=pk)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_violation(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    back, status = _change(
        request,
        violation,
        form,
        lambda data: actions.attach_evidence(violation, request_user(request), data["file"]),
        _("The file is kept with the violation."),
    )
    if back is not None:
        return back
    return _detail(request, violation, status, evidence_form=form)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None or not visible_violations(request.user).filter(pk=evidence.violation_id).exists():
        raise Http404(_("No file with this number is visible to you."))
    return attachments.response(evidence)


violation = [
    route("", violation_detail, name="detail", access="nobody"),
    route("edit/", violation_edit, name="edit", access="nobody"),
    route("decide/", transition, {"step": "decide"}, name="decide", access="nobody"),
    route("publish/", transition, {"step": "publish"}, name="publish", access="nobody"),
    route("withdraw/", transition, {"step": "withdraw"}, name="withdraw", access="nobody"),
    route("evidence/", evidence_upload, name="evidence", access="nobody"),
]
urlpatterns = [
    route("enforcement/", violation_list, name="list", access="officers"),
    route("enforcement/new/", violation_new, name="new", access="officers"),
    path("enforcement/<int:pk>/", include(violation)),
    route("enforcement/evidence/<int:pk>/", evidence_file, name="evidence_file", access="nobody"),
]
