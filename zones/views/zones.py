"""Officers declare and lift zones; the dashboard lists zones wider than their cases."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from lib.routes import route
from territory.models import AdminUnit, Level

from ..actions.zones import ZoneInput, declare_zone, lift_zone
from ..computing import framework_of
from ..forms import LiftForm, ZoneForm, submit
from ..models import DistancingZone, ProvinceLevels, UnitLevel
from ..scope import scope_of
from .common import changeable_units, officer

ZONE_LEVELS = (Level.DISTRICT, Level.COMMUNE, Level.VILLAGE)


def _framework_for(units: list[AdminUnit]):  # type: ignore[no-untyped-def]
    province = units[0].path.strip("/").split("/")[1] if units else None
    state = ProvinceLevels.objects.filter(province__code=province).select_related("framework").first()
    return framework_of(state)


@login_required
def declare_page(request: HttpRequest) -> HttpResponse:
    user = officer(request)
    units = changeable_units(user, ZONE_LEVELS)
    home = jurisdiction.home_unit(user)
    framework = _framework_for([home] if home else [])
    now = timezone.localtime()
    form = ZoneForm(
        request.POST if request.method == "POST" else None,
        units=units,
        framework=framework,
        initial={
            "decision_date": now.date(),
            "starts_at": now.replace(second=0, microsecond=0),
            "planned_end": (now + timedelta(days=14)).replace(second=0, microsecond=0),
            "measure": "ct-15",
        },
    )
    posted = request.method == "POST" and form.is_valid()
    scope = scope_of(list(form.cleaned_data["units"])) if posted else None
    sent = submit(
        request,
        form,
        lambda data: declare_zone(
            ZoneInput(
                units=list(data["units"]),
                measure=data["measure"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                starts_at=data["starts_at"],
                planned_end=data["planned_end"],
                reason=data["reason"],
                triggering_cases=data["triggering_cases"],
                scope_justification=data["scope_justification"],
                name=data["name"],
            ),
            by=user,
        ),
        _("Zone declared."),
    )
    if sent.done:
        return redirect("zones:zone", pk=sent.result.pk)
    return render(request, "zones/zones/declare.html", {"form": form, "scope": scope}, status=sent.status)


@login_required
@require_POST
def scope_preview(request: HttpRequest) -> HttpResponse:
    """For the units chosen so far (htmx): how many of their villages had cases lately."""
    user = officer(request)
    ids = [int(value) for value in request.POST.getlist("units") if value.isdigit()]
    units = list(changeable_units(user, ZONE_LEVELS).filter(pk__in=ids)[:200])
    return render(request, "zones/zones/_scope.html", {"scope": scope_of(units) if units else None})


@login_required
def lift_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = officer(request)
    zone = get_object_or_404(DistancingZone.objects.select_related("area", "measure", "level"), pk=pk)
    jurisdiction.require_unit(user, zone.area, change=True)
    form = LiftForm(request.POST if request.method == "POST" else None)
    sent = submit(
        request,
        form,
        lambda data: lift_zone(
            zone, by=user, at=data["at"], decision_number=data["decision_number"], reason=data["reason"]
        ),
        _("Zone lifted."),
    )
    if sent.done:
        return redirect("zones:zone", pk=zone.pk)
    return render(request, "zones/zones/lift.html", {"zone": zone, "form": form}, status=sent.status)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """For an officer's jurisdiction: zones in force (those wider than their cases first), units
    at each level, and levels set by hand."""
    user = officer(request)
    zones = jurisdiction.filter_by_unit(user, DistancingZone.objects.active(), path_field="area_path")
    levels = jurisdiction.filter_by_unit(user, UnitLevel.objects.all(), path_field="unit_path")
    by_level = (
        levels.values("unit__level", "level", "level__name", "level__colour", "level__text_colour", "level__rank")
        .annotate(count=Count("id"))
        .order_by("unit__level", "-level__rank")
    )
    context = {
        "wide_zones": zones.filter(is_wide=True).select_related("measure", "level", "area"),
        "zones": zones.select_related("measure", "level", "area").order_by("-strictness"),
        "by_level": [{**row, "unit_level_label": Level(row["unit__level"]).label} for row in by_level],
        "overrides": levels.filter(override_level__isnull=False).select_related(
            "unit", "level", "computed_level", "override_by"
        ),
        "home": jurisdiction.home_unit(user),
    }
    return render(request, "zones/zones/dashboard.html", context)


urlpatterns = [
    route("zones/new/", declare_page, name="declare", access="changers"),
    route("zones/new/scope/", scope_preview, name="scope", access="changers"),
    route("zones/<int:pk>/lift/", lift_page, name="lift", access="nobody"),
    route("zones/dashboard/", dashboard, name="dashboard", access="changers"),
]
