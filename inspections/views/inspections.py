"""Inspection pages: the list, planning, one inspection with its record, files and follow-up."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.http import request_user
from accounts.models import Role
from lib import attachments
from lib.forms import add_errors, submit
from lib.routes import route
from safety.models import Establishment
from safety.scoring import answer_text
from territory.models import AdminUnit

from .. import actions, checklists
from ..actions import InspectionConflict
from ..forms import FileForm, FilterForm, PlanForm, RecordForm, codes
from ..models import Inspection, InspectionFile, InspectionPlan, InspectionStatus, Outcome, TargetKind
from ..periods import parse_period
from ..queries import get_inspection, inspection_sections, may_record, target_of, visible_inspections

PAGE_SIZE = 50


def _owner_only(request: HttpRequest) -> bool:
    """An owner of places with no unit to look after sees the inspections of their places."""
    return jurisdiction.home_unit(request.user) is None and jurisdiction.has_role(request.user, Role.OWNER)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    # Officers and inspectors, and owners for the inspections of their own places.
    jurisdiction.require_role(request.user, *jurisdiction.SEE_ROLES, Role.OWNER)
    form = FilterForm(request.GET)
    inspections = None
    unit = None
    if form.is_valid():
        data = form.cleaned_data
        inspections = visible_inspections(request.user)
        if data["unit"] or not _owner_only(request):
            unit = jurisdiction.unit_or_home(request.user, data["unit"])
            inspections = inspections.filter(target_path__under=unit.path)
        try:
            period = parse_period(data["period"])
        except ValidationError as invalid:
            add_errors(form, invalid)
            inspections = None
        else:
            if period is not None:
                inspections = inspections.filter(
                    Q(inspected_on__gte=period.start, inspected_on__lte=period.end)
                    | Q(inspected_on__isnull=True, period_start__lte=period.end, period_end__gte=period.start)
                )
        if inspections is not None:
            if data["status"]:
                inspections = inspections.filter(status=data["status"])
            if data["outcome"]:
                inspections = inspections.filter(outcome=data["outcome"])
            if data["flagged"]:
                inspections = inspections.filter(gap_flagged=True)
    page = None
    if inspections is not None:
        ordered = inspections.select_related("unit", "target_unit", "target_place").order_by("-period_start", "-pk")
        page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "unit": unit,
        "page": page,
        "may_plan": bool(jurisdiction.scope_units(request.user)),
    }
    return render(request, "inspections/list.html", context, status=200 if page is not None else 400)


def _targets(form: PlanForm, scheme: str) -> tuple[list[Any], list[str]]:
    """The units and places a plan form names; messages for the codes that match nothing."""
    data = form.cleaned_data
    ticked = list(AdminUnit.objects.filter(pk__in=[int(pk) for pk in data["target_units"]]).order_by("path"))
    wanted = [code for code in dict.fromkeys(codes(data["more_units"]))]
    units = {u.code: u for u in AdminUnit.objects.filter(scheme=scheme, code__in=wanted)}
    problems = [_("No unit has code %(code)s.") % {"code": code} for code in wanted if code not in units]
    place_codes = list(dict.fromkeys(code.upper() for code in codes(data["places"])))
    places = {
        p.public_code: p for p in Establishment.objects.filter(public_code__in=place_codes).select_related("unit")
    }
    problems += [_("No place has code %(code)s.") % {"code": code} for code in place_codes if code not in places]
    chosen = {unit.pk: unit for unit in [*ticked, *(units[code] for code in wanted if code in units)]}
    return [*chosen.values(), *(places[code] for code in place_codes if code in places)], problems


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    if not jurisdiction.scope_units(request.user) and not request.user.is_superuser:
        raise PermissionDenied(_("Only officers and inspectors plan inspections."))
    form = PlanForm(request.user, request.POST or None)

    def plan(data: dict[str, Any]) -> tuple[InspectionPlan, int]:
        unit = next(u for u in jurisdiction.scope_units(request.user) if str(u.pk) == data["unit"])
        targets, problems = _targets(form, unit.scheme)
        if problems:
            raise ValidationError({"more_units": problems})
        planned = actions.plan_inspections(
            request_user(request),
            unit=unit,
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            team=data["team"],
            checklist=data["checklist"],
            targets=targets,
        )
        return planned, len(targets)

    sent = submit(
        request,
        form,
        plan,
        lambda planned: _("The plan is saved with %(n)d inspections.") % {"n": planned[1]},
        refused={PermissionDenied: 403},
    )
    if sent.done:
        return redirect("inspections:plan", pk=sent.result[0].pk)
    return render(request, "inspections/plan_form.html", {"form": form}, status=sent.status)


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = InspectionPlan.objects.select_related("unit", "checklist").filter(pk=pk).first()
    if plan is None or not jurisdiction.can_see_unit(request.user, plan.unit):
        raise Http404(_("No plan with this number is visible to you."))
    inspections = plan.inspections.select_related("target_unit", "target_place").order_by("target_path", "pk")
    counts = {status: 0 for status in InspectionStatus.values}
    for status in inspections.values_list("status", flat=True):
        counts[status] += 1
    return render(request, "inspections/plan.html", {"plan": plan, "inspections": inspections, "counts": counts})


def _record_context(
    request: HttpRequest, inspection: Inspection, form: RecordForm, answers: dict[str, Any]
) -> dict[str, Any]:
    """What the record form shows: the criteria of the place's set, or the unit checklist."""
    context: dict[str, Any] = {"inspection": inspection, "form": form, "answers": answers, "items": [], "problem": ""}
    if inspection.target_kind == TargetKind.PLACE:
        try:
            criteria_set = checklists.criteria_set_for(inspection.target_place)
        except ValidationError as invalid:
            context["problem"] = " ".join(invalid.messages)
        else:
            context["criteria_set"] = criteria_set
            context["items"] = [
                item for section in criteria_set.definition.get("sections", []) for item in section.get("items", [])
            ]
            context["own"] = inspection.target_place.last_assessment  # type: ignore[union-attr]
    elif inspection.checklist is not None:
        context["items"] = [{**item, "kind": "checklist"} for item in inspection.checklist.items]
    context["items"] = [{**item, "value": str(answers.get(item["code"], ""))} for item in context["items"]]
    return context


@login_required
def record_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection(request.user, pk)
    if not may_record(request.user, inspection):
        raise PermissionDenied(_("Only the inspecting unit's officers and inspectors record this inspection."))
    if inspection.status != InspectionStatus.PLANNED:
        messages.info(request, _("This inspection is already recorded."))
        return redirect("inspections:detail", pk=pk)
    form = RecordForm(request.POST or None)
    answers: dict[str, Any] = {}
    item_errors: dict[str, str] = {}
    if request.method == "POST":
        context = _record_context(request, inspection, form, {})
        if inspection.target_kind == TargetKind.PLACE and "criteria_set" in context:
            answers = checklists.place_answers_from_form(context["criteria_set"].definition, request.POST)
        elif inspection.checklist is not None:
            answers = checklists.checklist_answers_from_form(inspection.checklist, request.POST)

    def show(invalid: ValidationError) -> None:
        """The errors about criteria beside them (and a word on top), the others on the form."""
        item_errors.update(
            (key.removeprefix("answers").removeprefix("."), " ".join(messages))
            for key, messages in invalid.message_dict.items()
            if key.startswith("answers")
        )
        others = {k: v for k, v in invalid.message_dict.items() if not k.startswith("answers")}
        if others:
            add_errors(form, ValidationError(others))
        if "" in item_errors:
            form.add_error(None, item_errors.pop(""))
        if item_errors:
            form.add_error(None, _("Some criteria are not answered correctly: see below."))

    def record(data: dict[str, Any]) -> None:
        actions.record_inspection(
            inspection,
            request_user(request),
            inspected_on=data["inspected_on"],
            answers=answers,
            outcome=data["outcome"],
            inspectors=data["inspectors"],
            findings=data["findings"],
            fix_by=data["fix_by"],
            follow_up=data["follow_up"],
        )

    try:
        sent = submit(request, form, record, _("The inspection is recorded."), show=show)
    except InspectionConflict as conflict:
        messages.error(request, str(conflict))
        return redirect("inspections:detail", pk=pk)
    if sent.done:
        return redirect("inspections:detail", pk=pk)
    context = _record_context(request, inspection, form, answers)
    context["item_errors"] = item_errors
    context["top_errors"] = form.non_field_errors()
    return render(request, "inspections/record.html", context, status=sent.status)


def _answer_rows(inspection: Inspection) -> list[dict[str, Any]]:
    """Each criterion with the inspector's answer (and points), in the checklist's order."""
    if inspection.target_kind == TargetKind.PLACE and inspection.criteria_set is not None:
        items = [i for s in inspection.criteria_set.definition.get("sections", []) for i in s.get("items", [])]
    elif inspection.checklist is not None:
        items = inspection.checklist.items
    else:
        return []
    failed = set(inspection.failed_items or [])
    return [
        {
            "code": item["code"],
            "text": item.get("text", item["code"]),
            "answer": answer_text(item, inspection.answers.get(item["code"], "")),
            "points": (inspection.item_points or {}).get(item["code"]),
            "failed": item["code"] in failed,
            "key": item.get("key", False),
        }
        for item in items
    ]


def _detail_context(request: HttpRequest, inspection: Inspection, **extra: Any) -> dict[str, Any]:
    can_record = may_record(request.user, inspection)
    return {
        "inspection": inspection,
        "target": target_of(inspection),
        "can_record": can_record,
        "rows": _answer_rows(inspection),
        "files": inspection.files.all(),
        "file_form": FileForm(),
        "reinspections": inspection.reinspections.order_by("pk"),
        "may_reinspect": can_record and inspection.follow_up_open,
        "may_cancel": can_record and inspection.status == InspectionStatus.PLANNED,
        "violation_found": inspection.outcome == Outcome.VIOLATION,
        "own": inspection.self_assessment,
        "sections": inspection_sections(request.user, inspection),
        **extra,
    }


@login_required
def detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection(request.user, pk)
    return render(request, "inspections/detail.html", _detail_context(request, inspection))


@login_required
@require_POST
def upload_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a photo or PDF; a refused file answers 400 (413 when too large) with the reason."""
    inspection = get_inspection(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    sent = submit(
        request,
        form,
        lambda data: actions.attach_file(inspection, request_user(request), data["file"]),
        _("The file is attached."),
    )
    if sent.done:
        return redirect("inspections:detail", pk=pk)
    context = _detail_context(request, inspection, file_form=form)
    return render(request, "inspections/detail.html", context, status=sent.status)


@login_required
def download_file(request: HttpRequest, pk: int) -> FileResponse:
    attached = InspectionFile.objects.filter(pk=pk).select_related("inspection").first()
    if attached is None or not visible_inspections(request.user).filter(pk=attached.inspection_id).exists():
        raise Http404(_("No file with this number is visible to you."))
    return attachments.response(attached)


@login_required
@require_POST
def reinspect_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection(request.user, pk)
    try:
        new = actions.reinspect(inspection, request_user(request))
    except (InspectionConflict, ValidationError) as refused:
        messages.error(request, " ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused))
        return redirect("inspections:detail", pk=pk)
    messages.success(request, _("The re-inspection is planned."))
    return redirect("inspections:detail", pk=new.pk)


@login_required
@require_POST
def cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_inspection(request.user, pk)
    try:
        actions.cancel_inspection(inspection, request_user(request))
    except InspectionConflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The inspection is cancelled."))
    return redirect("inspections:detail", pk=pk)


inspection = [
    route("", detail_page, name="detail", access="nobody"),
    route("record/", record_page, name="record", access="nobody"),
    route("files/", upload_file, name="upload", access="nobody"),
    route("reinspect/", reinspect_view, name="reinspect", access="nobody"),
    route("cancel/", cancel_view, name="cancel", access="nobody"),
]
urlpatterns = [
    route("inspections/", inspection_list, name="list", access="officers-and-owners"),
    route("inspections/plans/new/", plan_new, name="plan_new", access="officers"),
    route("inspections/plans/<int:pk>/", plan_page, name="plan", access="nobody"),
    path("inspections/<int:pk>/", include(inspection)),
    route("inspections/files/<int:pk>/", download_file, name="file", access="nobody"),
]
