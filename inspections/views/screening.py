"""Door-to-door screening: campaigns, their progress per village and the day-by-day record."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.http import request_user
from lib.forms import submit
from lib.routes import route
from territory.models import AdminUnit, Level

from .. import actions, screening
from ..forms import CampaignForm, ScreeningDayForm
from ..models import ScreeningCampaign
from ..queries import get_campaign, visible_campaigns

PAGE_SIZE = 50


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    jurisdiction.require_role(request.user, *jurisdiction.SEE_ROLES)
    campaigns = visible_campaigns(request.user).select_related("unit").order_by("-period_start", "-pk")
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    may_open = bool(jurisdiction.unit_paths(request.user, jurisdiction.CHANGE_ROLES)) or request.user.is_superuser
    return render(request, "inspections/campaigns.html", {"page": page, "may_open": may_open})


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    jurisdiction.require_role(request.user, *jurisdiction.CHANGE_ROLES)
    form = CampaignForm(request.user, request.POST or None)

    def open_campaign(data: dict[str, Any]) -> ScreeningCampaign:
        return actions.open_campaign(
            request_user(request),
            unit=AdminUnit.objects.get(pk=int(data["unit"])),
            title=data["title"],
            target_group=data["target_group"],
            period_start=data["period_start"],
            period_end=data["period_end"],
        )

    sent = submit(request, form, open_campaign, _("The campaign is open."))
    if sent.done:
        return redirect("inspections:campaign", pk=sent.result.pk)
    return render(request, "inspections/campaign_form.html", {"form": form}, status=sent.status)


def _villages(request: HttpRequest, campaign: ScreeningCampaign) -> list[AdminUnit]:
    """The campaign's villages the user may record for."""
    villages = AdminUnit.objects.filter(path__under=campaign.unit_path, level=Level.VILLAGE)
    return list(
        jurisdiction.filter_by_unit(request.user, villages, field="", roles=jurisdiction.CHANGE_ROLES)
        .select_related("parent")
        .order_by("path")
    )


@login_required
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign(request.user, pk)
    today = timezone.localdate()
    villages = _villages(request, campaign)
    form = ScreeningDayForm(villages, request.POST or None, initial={"day": min(today, campaign.period_end)})
    if request.method == "POST" and not villages:
        raise PermissionDenied(_("You may not record screening for this campaign."))

    def record(data: dict[str, Any]) -> AdminUnit:
        village = next(v for v in villages if str(v.pk) == data["village"])
        actions.record_screening_day(
            campaign,
            request_user(request),
            village=village,
            day=data["day"],
            households=data["households"],
            households_visited=data["households_visited"],
            people_screened=data["people_screened"],
            people_referred=data["people_referred"],
        )
        return village

    sent = submit(request, form, record, lambda village: _("Recorded for %(village)s.") % {"village": village.name})
    if sent.done:
        return redirect("inspections:campaign", pk=pk)
    context = {
        "campaign": campaign,
        "progress": screening.progress(campaign, today),
        "form": form if villages else None,
        "lag_margin": screening.LAG_MARGIN,
    }
    return render(request, "inspections/campaign.html", context, status=sent.status)


urlpatterns = [
    route("screening/", campaign_list, name="campaigns", access="officers"),
    route("screening/new/", campaign_new, name="campaign_new", access="changers"),
    route("screening/<int:pk>/", campaign_page, name="campaign", access="nobody"),
]
