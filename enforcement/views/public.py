"""Public disclosure: the list of published violations, one violation, and the feeds."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lib.pagination import query_without_page
from lib.routes import route

from ..feeds import ViolationsAtomFeed, ViolationsFeed
from ..forms import FilterForm
from ..public import public_facts, unit_names
from ..queries import apply_filters, get_published, parse_filters, published_violations

PAGE_SIZE = 50


def public_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.user, request.GET)
    page = None
    errors: list[str] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            filters = parse_filters(data["unit"].code if data["unit"] else None, data["type"], data["period"])
        except ValidationError as invalid:
            errors = invalid.messages
        else:
            found = apply_filters(published_violations(), filters)
            ordered = found.select_related("type", "unit", "unit__parent", "establishment").order_by(
                "-decision_date", "-pk"
            )
            page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    if page is not None:
        for violation in page:
            parent = violation.unit.parent
            area = f"{violation.unit.name}, {parent.name}" if parent else violation.unit.name
            rows.append(public_facts(violation, area=area))
    context = {"form": form, "page": page, "rows": rows, "errors": errors, "query": query_without_page(request)}
    return render(request, "enforcement/public_list.html", context, status=200 if page is not None else 400)


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_published(pk)
    facts = public_facts(violation, area=unit_names(violation.unit))
    return render(request, "enforcement/public_detail.html", {"v": facts})


urlpatterns = [
    route("violations/", public_list, name="public_list", access="public"),
    route("violations/<int:pk>/", public_detail, name="public_detail", access="nobody"),
    route("violations/feed.rss", ViolationsFeed(), name="feed_rss", access="public"),
    route("violations/feed.atom", ViolationsAtomFeed(), name="feed_atom", access="public"),
]
