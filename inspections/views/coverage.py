"""Coverage pages: the table of units one level down, the unit tree (opened branch by branch
with htmx), the places not inspected, and overdue follow-ups."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import jurisdiction
from lib.routes import route

from .. import coverage
from .common import period_from

PLACES_PAGE = 50
OVERDUE_SHOWN = 100


def _bad_period(request: HttpRequest, invalid: ValidationError) -> HttpResponse:
    return render(request, "inspections/coverage.html", {"period_error": " ".join(invalid.messages)}, status=400)


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit"))
    try:
        period = period_from(request)
    except ValidationError as invalid:
        return _bad_period(request, invalid)
    today = timezone.localdate()
    result = coverage.coverage(unit, period, today)
    not_inspected = coverage.KnownCount(coverage.uninspected_places(unit, period), result.total.places_not_inspected)
    places = Paginator(not_inspected, PLACES_PAGE).get_page(request.GET.get("page"))  # type: ignore[arg-type, var-annotated]
    overdue = list(coverage.overdue_follow_ups(request.user, unit, today)[: OVERDUE_SHOWN + 1])
    context = {
        "unit": unit,
        "ancestors": jurisdiction.visible_ancestors(request.user, unit),
        "period": period,
        "coverage": result,
        "places": places,
        "overdue": overdue[:OVERDUE_SHOWN],
        "more_overdue": len(overdue) > OVERDUE_SHOWN,
        "query_period": request.GET.get("period", ""),
    }
    return render(request, "inspections/coverage.html", context)


@login_required
def tree_branch(request: HttpRequest) -> HttpResponse:
    """The children of one unit as branches of the tree, each able to open in turn."""
    unit = jurisdiction.unit_or_home(request.user, request.GET.get("unit"))
    try:
        period = period_from(request)
    except ValidationError as invalid:
        return HttpResponse(" ".join(invalid.messages), status=400)
    result = coverage.coverage(unit, period, timezone.localdate())
    context = {"coverage": result, "query_period": request.GET.get("period", "")}
    return render(request, "inspections/_tree.html", context)


urlpatterns = [
    route("inspections/coverage/", coverage_page, name="coverage", access="officers"),
    route("inspections/coverage/tree/", tree_branch, name="coverage_tree", access="officers"),
]
