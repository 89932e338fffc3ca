"""Officers record case counts and populations, one by one or from a file."""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from lib.importpage import import_form
from lib.routes import route
from territory.models import Level

from .. import cases as checking
from ..actions.cases import (
    import_case_counts,
    import_populations,
    record_case_count,
    set_unit_population,
)
from ..forms import CaseForm, ImportForm, PopulationForm, submit
from ..models import CaseCount
from .common import changeable_units, officer

PAGE_SIZE = 100


@login_required
def cases_page(request: HttpRequest) -> HttpResponse:
    """The counts of the officer's jurisdiction, newest first, and the form to record one."""
    user = officer(request)
    form = CaseForm(
        request.POST if request.method == "POST" else None,
        units=changeable_units(user, (Level.COMMUNE, Level.VILLAGE)),
        initial={"date": timezone.localdate()},
    )
    sent = submit(
        request,
        form,
        lambda data: record_case_count(
            data["unit"], data["date"], data["cases"], data["untraced_cases"], data["linked_cases"], by=user
        ),
        lambda recorded: _("Count recorded.") if recorded[1] else _("Count corrected."),
    )
    if sent.done:
        return redirect("zones:cases")
    rows = jurisdiction.filter_by_unit(user, CaseCount.objects.select_related("unit"), path_field="unit_path")
    page = Paginator(rows.order_by("-date", "unit_path"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "zones/cases/index.html", {"form": form, "page": page}, status=sent.status)


def _import_page(request: HttpRequest, check: Any, action: Any, template_context: dict[str, Any]) -> HttpResponse:
    user = officer(request)
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))

    def run(checked: Any, skip_bad_rows: bool) -> str:
        outcome = action(checked, by=user, skip_bad_rows=skip_bad_rows)
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % outcome.__dict__

    checked, status = import_form(
        request, form, lambda upload: check(upload, upload.name, settings.DEFAULT_SCHEME, user), run
    )
    context = {"form": form, "checked": checked, "errors_shown": checked.errors[:500] if checked else []}
    return render(request, "zones/cases/import.html", {**context, **template_context}, status=status)


@login_required
def cases_import(request: HttpRequest) -> HttpResponse:
    return _import_page(
        request,
        checking.check_case_file,
        import_case_counts,
        {
            "title": _("Import case counts"),
            "columns": [names[0] for names in checking.CASE_COLUMNS.values()],
            "sample": "24640,15/07/2021,3,1,0",
        },
    )


@login_required
def population_page(request: HttpRequest) -> HttpResponse:
    user = officer(request)
    form = PopulationForm(
        request.POST if request.method == "POST" else None,
        units=changeable_units(user, (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.VILLAGE)),
    )
    sent = submit(
        request,
        form,
        lambda data: set_unit_population(data["unit"], data["population"], by=user),
        lambda unit: _("Population of %(unit)s recorded.") % {"unit": unit.name},
    )
    if sent.done:
        return redirect("zones:population")
    return render(request, "zones/cases/population.html", {"form": form}, status=sent.status)


@login_required
def population_import(request: HttpRequest) -> HttpResponse:
    return _import_page(
        request,
        checking.check_population_file,
        import_populations,
        {
            "title": _("Import populations"),
            "columns": [names[0] for names in checking.POPULATION_COLUMNS.values()],
            "sample": "24640,12500",
        },
    )


urlpatterns = [
    route("cases/", cases_page, name="cases", access="changers"),
    route("cases/import/", cases_import, name="cases_import", access="changers"),
    route("cases/population/", population_page, name="population", access="changers"),
    route("cases/population/import/", population_import, name="population_import", access="changers"),
]
