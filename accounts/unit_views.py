from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lib.downloads import attachment
from lib.importpage import import_form
from lib.picker import PICK_LIMIT, pick_results, search_text
from territory import queries
from territory.models import AdminUnit, Organisation
from territory.villages import COLUMNS, check_villages_file

from . import actions, jurisdiction
from .forms import VillageImportForm
from .models import User
from .pickers import pick_scheme, pickable_units, search_pickable_units


@login_required
def unit_page(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """A unit of the user's jurisdiction: where it sits, what lies below, with counts."""
    unit = queries.get_unit(code, scheme)
    jurisdiction.require_unit(request.user, unit)
    children = list(queries.children_with_counts(unit))
    villages = queries.count_below(children, queries.villages_of(unit))
    organisations = queries.count_below(children, Organisation.objects.filter(unit__path__under=unit.path), "unit__")
    rows = [(child, villages[child.pk], organisations[child.pk]) for child in children]
    ancestors = jurisdiction.visible_ancestors(request.user, unit)
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "rows": rows,
        "counts": queries.descendant_counts(unit),
        "population": queries.population_of(unit),
        "successors": queries.successors_of(unit),
        "predecessors": queries.predecessors_of(unit),
        "organisations": unit.organisations.order_by("kind", "name"),
        "can_change": jurisdiction.can_change_unit(request.user, unit),
    }
    return render(request, "accounts/unit.html", context)


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    units = jurisdiction.visible_units(request.user).select_related("parent")
    results = queries.search_units(units, text)[:100] if text else []
    template = "accounts/_search_results.html" if request.htmx else "accounts/search.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": text, "results": results})


@require_GET
def unit_pick(request: HttpRequest) -> HttpResponse:
    """The unit picker's matches (JSON): in the user's jurisdiction, or every unit of the scheme
    for `scope=all` (a route, a public filter); `levels=district,commune` and `under=<code>` (the
    units below one) narrow them."""
    text = search_text(request)
    scheme = pick_scheme(request.user, request.GET.get("scheme"))
    under_code = request.GET.get("under", "")
    under = AdminUnit.objects.filter(scheme=scheme, code=under_code).first() if under_code else None
    if not text or (under_code and under is None):
        return pick_results([])
    units = pickable_units(
        request.user,
        scope=request.GET.get("scope", ""),
        levels=request.GET.get("levels", "").split(","),
        scheme=scheme,
        under=under,
    )
    return pick_results(search_pickable_units(units, text, PICK_LIMIT))


@login_required
def village_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not jurisdiction.is_administrator(user):
        raise PermissionDenied
    within = jurisdiction.home_unit(request.user)
    form = VillageImportForm(request.POST or None, request.FILES or None)

    def run(checked: Any, skip_bad_rows: bool) -> str:
        outcome = actions.import_villages(checked, by=user, skip_bad_rows=skip_bad_rows)
        return _("%(created)d villages created, %(updated)d updated.") % {
            "created": outcome.created,
            "updated": outcome.updated,
        }

    checked, status = import_form(
        request, form, lambda upload: check_villages_file(upload, upload.name, settings.DEFAULT_SCHEME, within), run
    )
    context = {
        "form": form,
        "checked": checked,
        "errors_shown": checked.errors[:500] if checked else [],
        "columns": [names[0] for names in COLUMNS.values()],
    }
    return render(request, "accounts/village_import.html", context, status=status)


@login_required
def village_template(request: HttpRequest) -> HttpResponse:
    header = ",".join(names[0] for names in COLUMNS.values())
    sample = "24640,Thôn 1,Thôn,850\n24640,Bon Jun Jưh,Bon,\n"
    return attachment("\ufeff" + header + "\n" + sample, "text/csv; charset=utf-8", "mau-nhap-thon.csv")
