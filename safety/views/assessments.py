"""Self-assessment pages: the form with its running score, the result, and a place's history."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lib.routes import route

from .. import assessing, scoring
from ..actions.assessments import submit_assessment
from ..models import STATE_COLOURS, Assessment, CriteriaSet, Establishment, PublicState

HISTORY_PAGE_SIZE = 50


def _state(code: str) -> dict[str, str]:
    state = PublicState(code) if code in PublicState.values else PublicState.NOT_ASSESSED
    return {"code": state.value, "label": str(state.label), "colour": STATE_COLOURS[state]}


def _sections(definition: dict[str, Any], answers: dict[str, Any], errors: dict[str, str]) -> list[dict[str, Any]]:
    """The definition laid out for the template, with what was answered and what is wrong."""
    sections = []
    for section in definition.get("sections", []):
        items = []
        for item in section.get("items", []):
            code = item["code"]
            value = answers.get(code)
            kind = item["kind"]
            if kind == "choice":
                options = [(str(o["code"]), o.get("label", o["code"]), o.get("points")) for o in item["options"]]
            elif kind == "pass_fail":
                options = [("pass", _("Passed"), 1), ("fail", _("Not passed"), 0)]
                points = _pass_fail_points(item, value)
                value = {1: "pass", 0: "fail"}[points] if points is not None else value
            else:
                options = []
            items.append(
                {
                    "code": code,
                    "field": f"item-{code}",
                    "text": item.get("text", code),
                    "kind": kind,
                    "key": item.get("key", False),
                    "na_allowed": item.get("na_allowed", False),
                    "is_na": value == scoring.NA,
                    "value": "" if value in (None, scoring.NA) else str(value),
                    "options": options,
                    "unit": item.get("unit", ""),
                    "min": item.get("min", 0),
                    "max": item.get("max") if kind == "number" else item.get("max_points"),
                    "max_points": scoring.item_max(item),
                    "error": errors.get(code, ""),
                }
            )
        sections.append({"code": section.get("code", ""), "title": section.get("title", ""), "items": items})
    return sections


def _pass_fail_points(item: dict[str, Any], value: Any) -> int | None:
    try:
        return scoring.item_points(item, value) if value not in (None, "", scoring.NA) else None
    except (ValueError, TypeError):
        return None


def _score_context(criteria_set: CriteriaSet, answers: dict[str, Any]) -> dict[str, Any]:
    running = assessing.running_score(criteria_set.definition, answers)
    return {
        "running": running,
        "state": _state(running.result.state) if running.result else None,
    }


def _unavailable(request: HttpRequest, place: Establishment, error: ValidationError) -> HttpResponse:
    context = {"place": place, "reasons": [m for texts in error.message_dict.values() for m in texts]}
    return render(request, "safety/assess/unavailable.html", context, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """One page, usable on a phone: every criterion of the place's current set, the running score,
    and on submit either the result page or the same form with a message at each bad answer."""
    place = assessing.place_for(request.user, pk)
    by_officer = assessing.assessing_as_officer(request.user, place)
    try:
        criteria_set = assessing.usable_set_for(place)
    except ValidationError as error:
        return _unavailable(request, place, error)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        answers = assessing.answers_from_form(criteria_set.definition, request.POST)
        try:
            assessment = submit_assessment(place, None, answers, by=request.user, expected_code=criteria_set.code)
        except ValidationError as error:
            errors = assessing.item_errors(error)
            status = 422
        else:
            messages.success(request, _("Assessment recorded."))
            return redirect("safety:assessment", pk=assessment.pk)
    else:
        last = place.last_assessment
        # A weekly update usually repeats most answers: start from the last ones of the same version.
        answers = dict(last.answers) if last and last.criteria_set_id == criteria_set.pk else {}
    context = {
        "place": place,
        "criteria_set": criteria_set,
        "by_officer": by_officer,
        "sections": _sections(criteria_set.definition, answers, errors),
        "errors": errors,
        "error_count": len(errors),
        "set_error": errors.get("", ""),
        **_score_context(criteria_set, answers),
    }
    return render(request, "safety/assess/form.html", context, status=status)


@login_required
@require_POST
def assess_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The running score for the answers posted so far (htmx); nothing is written."""
    place = assessing.place_for(request.user, pk)
    assessing.assessing_as_officer(request.user, place)
    try:
        criteria_set = assessing.usable_set_for(place)
    except ValidationError as error:
        return _unavailable(request, place, error)
    answers = assessing.answers_from_form(criteria_set.definition, request.POST)
    return render(request, "safety/assess/_score.html", _score_context(criteria_set, answers))


@login_required
def assessment_result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = (
        Assessment.objects.select_related("criteria_set", "submitted_by", "establishment").filter(pk=pk).first()
    )
    if assessment is None:
        raise Http404(_("No assessment with this number."))
    place = assessing.place_for(request.user, assessment.establishment_id)
    context = {
        "assessment": assessment,
        "place": place,
        "state": _state(assessment.state),
        "place_state": _state(place.state),
        "to_fix": assessing.to_fix(assessment),
        "vetoes": assessing.vetoes(assessment),
        "is_current": place.last_assessment_id == assessment.pk,
        "is_expired": place.is_overdue() if place.last_assessment_id == assessment.pk else None,
        "can_assess": _can_assess(request, place),
    }
    return render(request, "safety/assess/result.html", context)


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    place = assessing.place_for(request.user, pk)
    page = Paginator(assessing.history_of(place), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(assessment, _state(assessment.state)) for assessment in page]
    context = {
        "place": place,
        "page": page,
        "rows": rows,
        "place_state": _state(place.state),
        "can_assess": _can_assess(request, place),
    }
    return render(request, "safety/assess/history.html", context)


def _can_assess(request: HttpRequest, place: Establishment) -> bool:
    try:
        assessing.assessing_as_officer(request.user, place)
    except PermissionDenied:
        return False
    return True


urlpatterns = [
    route("places/<int:pk>/assess/", assess, name="assess", access="place-change"),
    route("places/<int:pk>/assess/preview/", assess_preview, name="assess_preview", access="place-change"),
    route("places/<int:pk>/assessments/", history, name="history", access="place"),
    route("assessments/<int:pk>/", assessment_result, name="assessment", access="nobody"),
]
