"""The situation view of a unit for its officers, drilling down the unit tree."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import jurisdiction

from .queries import situation, situation_unit


@login_required
def situation_page(request: HttpRequest) -> HttpResponse:
    unit = situation_unit(request.user, request.GET.get("unit"), request.GET.get("scheme"))
    found = situation(request.user, unit)
    parents = [u for u in unit.ancestors() if jurisdiction.can_see_unit(request.user, u)]
    return render(request, "reports/situation.html", {"s": found, "unit": unit, "parents": parents})
