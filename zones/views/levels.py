"""An officer's override of a unit's level, and the province's choice of framework."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import jurisdiction
from lib.routes import route
from territory.queries import get_unit

from ..actions.levels import choose_framework, clear_override, override_level
from ..computing import default_framework, framework_of, province_of
from ..forms import FrameworkForm, OverrideForm, ReasonForm, submit
from ..models import ProvinceLevels, UnitLevel
from .common import officer


@login_required
def override_page(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    user = officer(request)
    unit = get_unit(code, scheme)
    jurisdiction.require_unit(user, unit, change=True)
    framework = framework_of(ProvinceLevels.objects.filter(province=province_of(unit)).first())
    row = UnitLevel.objects.filter(unit=unit).select_related("level", "computed_level", "override_level").first()
    form = OverrideForm(request.POST if request.method == "POST" else None, framework=framework)
    clear_form = ReasonForm(prefix="clear")
    sent = submit(
        request,
        form,
        lambda data: override_level(unit, data["level"], data["reason"], by=user),
        _("Level set. The computed level stays shown beside it."),
    )
    if sent.done:
        return redirect("zones:unit", scheme=unit.scheme, code=unit.code)
    context = {"unit": unit, "row": row, "form": form, "clear_form": clear_form, "framework": framework}
    return render(request, "zones/levels/override.html", context, status=sent.status)


@login_required
def clear_page(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    user = officer(request)
    unit = get_unit(code, scheme)
    jurisdiction.require_unit(user, unit, change=True)
    if request.method != "POST":
        return redirect("zones:override", scheme=unit.scheme, code=unit.code)
    form = ReasonForm(request.POST, prefix="clear")
    try:
        if not form.is_valid():
            raise ValidationError({"reason": _("Give the reason.")})
        clear_override(unit, form.cleaned_data["reason"], by=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("zones:override", scheme=unit.scheme, code=unit.code)
    messages.success(request, _("The unit is back at its computed level."))
    return redirect("zones:unit", scheme=unit.scheme, code=unit.code)


@login_required
def framework_page(request: HttpRequest) -> HttpResponse:
    """The administrator of a province chooses how its levels are assessed."""
    user = officer(request)
    if not jurisdiction.is_administrator(user):
        raise PermissionDenied
    province = jurisdiction.home_unit(user)
    if province is None or province.level != "province":
        raise PermissionDenied
    state = ProvinceLevels.objects.filter(province=province).select_related("framework").first()
    current = framework_of(state) if state else default_framework()
    form = FrameworkForm(request.POST if request.method == "POST" else None, initial={"framework": current})
    sent = submit(
        request,
        form,
        lambda data: choose_framework(province, data["framework"].code, by=user),
        _("Framework chosen; levels recomputed."),
    )
    if sent.done:
        return redirect("zones:framework")
    context = {"form": form, "province": province, "current": current, "state": state}
    return render(request, "zones/levels/framework.html", context, status=sent.status)


urlpatterns = [
    route("levels/framework/", framework_page, name="framework", access="administrator"),
    route("levels/<str:scheme>/<str:code>/override/", override_page, name="override", access="jurisdiction-change"),
    route(
        "levels/<str:scheme>/<str:code>/override/clear/",
        clear_page,
        name="clear_override",
        access="jurisdiction-change",
    ),
]
