"""Goods permits: operators ask and print; officers of the origin approve, reject or revoke."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.http import request_user
from lib.routes import route

from ..actions import Conflict
from ..actions.permits import PermitInput, approve_permit, register_permit, reject_permit, revoke_permit
from ..api.permits import visible_permit, visible_permits
from ..forms import NoteForm, PermitForm, ReasonForm, submit
from ..models import GoodsPermit, PermitStatus
from ..permit_card import card_response, card_sizes
from .public import notice

PAGE_SIZE = 50


@login_required
def permits_page(request: HttpRequest) -> HttpResponse:
    permits = visible_permits(request.user).order_by("-requested_at")
    status = request.GET.get("status", "")
    if status in PermitStatus.values:
        permits = permits.filter(status=status)
    page = Paginator(permits, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "statuses": PermitStatus.choices, "status": status}
    return render(request, "zones/permits/index.html", context)


@login_required
def new_permit(request: HttpRequest) -> HttpResponse:
    form = PermitForm(
        request.user, request.POST if request.method == "POST" else None, initial={"valid_from": timezone.localdate()}
    )

    def register(data: dict[str, Any]) -> GoodsPermit:
        return register_permit(
            PermitInput(
                operator_name=data["operator_name"],
                operator_phone=data["operator_phone"],
                plate=data["plate"],
                driver_name=data["driver_name"],
                driver_phone=data["driver_phone"],
                vehicle_kind=data["vehicle_kind"],
                goods_type=data["goods_type"].code,
                goods_detail=data["goods_detail"],
                origin=data["origin"],
                destination=data["destination"],
                waypoints=data["waypoints"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            ),
            by=request_user(request),
        )

    sent = submit(
        request, form, register, _("Permit requested: an officer of the origin will decide."), conflict_field="plate"
    )
    if sent.done:
        return redirect("zones:permit", pk=sent.result.pk)
    return render(request, "zones/permits/new.html", {"form": form}, status=sent.status)


@login_required
def permit_page(request: HttpRequest, pk: int) -> HttpResponse:
    permit = visible_permit(request.user, pk)
    context: dict[str, Any] = {
        "permit": permit,
        "waypoints": [stop.unit for stop in permit.stops.select_related("unit")],
        "can_decide": jurisdiction.can_change_unit(request.user, permit.origin),
        "note_form": NoteForm(),
        "reason_form": ReasonForm(),
        "sizes": card_sizes(),
        "valid_today": permit.is_valid_on(),
    }
    return render(request, "zones/permits/detail.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    permit = visible_permit(request.user, pk)
    user = request_user(request)
    try:
        if decision == "approve":
            approve_permit(permit, by=user, note=request.POST.get("note", ""))
            messages.success(request, _("Permit approved: it can be printed."))
        elif decision == "reject":
            reject_permit(permit, by=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Permit rejected."))
        else:
            revoke_permit(permit, by=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Permit revoked: its code fails at the next scan."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return notice(request, _("Not possible"), str(conflict), 409)
    return redirect("zones:permit", pk=pk)


@login_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    permit = visible_permit(request.user, pk)
    size = request.GET.get("size", "a4")
    if size not in card_sizes():
        return notice(request, _("Not found"), _("The permit is printed on A4 or A6."), 400)
    if permit.status != PermitStatus.APPROVED:
        return notice(request, _("Not possible"), _("Only an approved permit can be printed."), 409)
    return card_response(request, permit, size)


permit = [
    route("", permit_page, name="permit", access="nobody"),
    route("approve/", decide, {"decision": "approve"}, name="approve_permit", access="nobody"),
    route("reject/", decide, {"decision": "reject"}, name="reject_permit", access="nobody"),
    route("revoke/", decide, {"decision": "revoke"}, name="revoke_permit", access="nobody"),
    route("card.pdf", card, name="permit_card", access="nobody"),
]
urlpatterns = [
    route("permits/", permits_page, name="permits", access="signed-in"),
    route("permits/new/", new_permit, name="new_permit", access="signed-in"),
    path("permits/<int:pk>/", include(permit)),
]
