"""Pages about places: lists, "my places", registration, the place page, editing, acceptance, export.

A place the user may not see is a 404 (its existence is not disclosed); one they may see but
not change is a 403.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import jurisdiction
from accounts.http import request_user
from accounts.models import Role
from lib.downloads import refusal, xlsx_download
from lib.forms import Submitted, submit
from lib.picker import PICK_LIMIT, pick_results, search_text
from lib.routes import route
from territory.models import AdminUnit, Level

from ..actions.registration import (
    DuplicatePlace,
    RegistrationConflict,
    accept_place,
    can_change_place,
    is_owner_of,
    register_place,
    reject_place,
    update_place,
)
from ..forms import ERRORS_AT, OwnerPlaceForm, PlaceForm
from ..models import Establishment, EstablishmentType, PublicState, Registration
from ..pickers import find_places, pickable_places
from ..places import (
    PlaceFilters,
    changeable_places,
    filter_places,
    has_places_scope,
    may_register,
    owned_places,
    visible_places,
    write_xlsx,
)

PAGE_SIZE = 50

T = TypeVar("T")


def _link(name: str, **kwargs: Any) -> str | None:
    """The URL of a page another part of the app provides, or None while it does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _filters(request: HttpRequest) -> PlaceFilters:
    get = request.GET
    return PlaceFilters(
        unit=get.get("unit", "").strip(),
        scheme=get.get("scheme", "").strip(),
        type=get.get("type", "").strip(),
        state=get.get("state", "").strip(),
        registration=get.get("registration", "").strip(),
        q=get.get("q", "").strip(),
    )


def _listed(request: HttpRequest) -> tuple[PlaceFilters, QuerySet[Establishment] | None, list[str]]:
    """The list's places under the request's filters; unknown filter values give messages, not 500."""
    user = request.user
    if not has_places_scope(user):
        raise PermissionDenied
    wanted = _filters(request)
    try:
        return wanted, filter_places(user, visible_places(user), wanted), []
    except ValidationError as error:
        return wanted, None, [m for messages_ in error.message_dict.values() for m in messages_]


def _filter_units(user: Any) -> list[AdminUnit]:
    """Districts and communes of the user's jurisdiction for the unit filter (a code can be typed too)."""
    units = jurisdiction.visible_units(user).filter(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
    return list(units.select_related("parent").order_by("path")[:500])


@login_required
@require_GET
def place_list(request: HttpRequest) -> HttpResponse:
    if not has_places_scope(request.user) and jurisdiction.has_role(request.user, Role.OWNER):
        return redirect("safety:my_places")
    wanted, places, problems = _listed(request)
    page = None
    if places is not None:
        ordered = places.select_related("type", "unit").order_by("name", "pk")
        page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {key: value for key, value in wanted.__dict__.items() if value}
    context = {
        "page": page,
        "filters": wanted,
        "problems": problems,
        "types": EstablishmentType.objects.all(),
        "states": PublicState.choices,
        "registrations": Registration.choices,
        "units": _filter_units(request.user),
        "export_url": reverse("safety:places_export") + ("?" + urlencode(query) if query else ""),
        "may_register": may_register(request.user),
        "may_import": bool(jurisdiction.unit_paths(request.user, jurisdiction.CHANGE_ROLES))
        or request.user.is_superuser,
    }
    return render(request, "safety/places/list.html", context, status=400 if problems else 200)


@login_required
@require_GET
def places_export(request: HttpRequest) -> HttpResponse | FileResponse:
    """The list as XLSX, with the same filters and jurisdiction, written row by row to a temporary
    file and streamed from there."""
    _wanted, places, problems = _listed(request)
    if places is None:
        return refusal("\n".join(problems))
    return xlsx_download(lambda handle: write_xlsx(places, handle), f"co-so-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_GET
def my_places(request: HttpRequest) -> HttpResponse:
    places = owned_places(request.user).select_related("type", "unit").order_by("name", "pk")
    rows = [
        {
            "place": place,
            "assess_url": _link("safety:assess", pk=place.pk),
            "poster_url": _link("safety:poster", pk=place.pk) if place.is_public else None,
            "public_url": _link("safety:public_place", code=place.public_code) if place.is_public else None,
        }
        for place in places
    ]
    return render(request, "safety/places/mine.html", {"rows": rows, "may_register": may_register(request.user)})


def _save(
    request: HttpRequest, form: PlaceForm | OwnerPlaceForm, save: Callable[[bool], T], done: str = ""
) -> tuple[Submitted[T], list[Establishment]]:
    """A place's form posted: `save(confirm_duplicate)` runs on the valid form (`submit`); a place
    that looks like one already registered answers 409 with those places to confirm against."""
    try:
        return submit(
            request,
            form,
            lambda data: save(bool(data.get("confirm_duplicate"))),
            done,
            name_unknown=False,
            at=ERRORS_AT,
        ), []
    except DuplicatePlace as found:
        return Submitted(409), found.candidates


@login_required
def place_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not may_register(user):
        raise PermissionDenied
    form = PlaceForm(user, request.POST or None)
    sent, candidates = _save(
        request, form, lambda confirm: register_place(user, form.values(), confirm_duplicate=confirm)
    )
    if sent.done:
        if sent.result.registration == Registration.PENDING:
            messages.info(request, _("The place is registered and waits for an officer to accept it."))
        else:
            messages.success(request, _("The place is registered."))
        return redirect("safety:place", pk=sent.result.pk)
    context = {"form": form, "candidates": candidates, "place": None, "owner_form": False}
    return render(request, "safety/places/form.html", context, status=sent.status)


@login_required
@require_GET
def place_pick(request: HttpRequest) -> HttpResponse:
    """The place picker's matches (JSON), among the places the user sees; `types=school,…`."""
    text = search_text(request)
    places = pickable_places(request.user, request.GET.get("types", "").split(","))
    return pick_results(find_places(places, text, PICK_LIMIT) if text else [])


def _visible_place(request: HttpRequest, pk: int) -> Establishment:
    places = visible_places(request.user).select_related("type", "unit__parent", "last_assessment")
    return get_object_or_404(places, pk=pk)


@login_required
@require_GET
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = _visible_place(request, pk)
    user = request_user(request)
    officer = can_change_place(user, place)
    owner = is_owner_of(user, place)
    context = {
        "place": place,
        "can_change": officer or owner,
        "can_decide": officer and place.registration != Registration.ACCEPTED,
        "is_owner": owner,
        "assessments": place.assessments.select_related("criteria_set")[:10],
        "assess_url": _link("safety:assess", pk=place.pk) if officer or owner else None,
        "poster_url": _link("safety:poster", pk=place.pk) if place.is_public else None,
        "public_url": _link("safety:public_place", code=place.public_code) if place.is_public else None,
        "audit_url": (
            reverse("audit:entries") + "?" + urlencode({"type": "safety.establishment", "id": str(place.pk)})
            if jurisdiction.is_administrator(user)
            else None
        ),
        "owners_count": place.owners.count(),
    }
    return render(request, "safety/places/detail.html", context)


@login_required
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    place = _visible_place(request, pk)
    user = request_user(request)
    form: PlaceForm | OwnerPlaceForm
    if can_change_place(user, place):
        form = PlaceForm(user, request.POST or None, place=place)
    elif is_owner_of(user, place):
        form = OwnerPlaceForm(request.POST or None, place=place)
    else:
        raise PermissionDenied
    sent, candidates = _save(
        request,
        form,
        lambda confirm: update_place(place, user, form.values(), confirm_duplicate=confirm),
        _("The place is saved."),
    )
    if sent.done:
        return redirect("safety:place", pk=place.pk)
    context = {"form": form, "candidates": candidates, "place": place, "owner_form": isinstance(form, OwnerPlaceForm)}
    return render(request, "safety/places/form.html", context, status=sent.status)


@login_required
@require_GET
def places_pending(request: HttpRequest) -> HttpResponse:
    """Registrations waiting for an officer of the unit or above."""
    if not (request.user.is_superuser or jurisdiction.unit_paths(request.user, jurisdiction.CHANGE_ROLES)):
        raise PermissionDenied
    pending = (
        changeable_places(request.user)
        .filter(registration=Registration.PENDING)
        .select_related("type", "unit__parent")
        .order_by("created_at", "pk")
    )
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "safety/places/pending.html", {"page": page})


def _back(request: HttpRequest, place: Establishment) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("safety:place", pk=place.pk)


def _decide(request: HttpRequest, pk: int, accept: bool) -> HttpResponse:
    place = _visible_place(request, pk)
    try:
        if accept:
            accept_place(place, request_user(request))
            messages.success(request, _("%(name)s is accepted.") % {"name": place.name})
        else:
            reject_place(place, request_user(request))
            messages.info(request, _("%(name)s is rejected.") % {"name": place.name})
    except RegistrationConflict as conflict:
        messages.error(request, str(conflict))
    return _back(request, place)


@login_required
@require_POST
def place_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, accept=True)


@login_required
@require_POST
def place_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, accept=False)


urlpatterns = [
    route("places/", place_list, name="places", access="officers-and-owners"),
    route("places/export.xlsx", places_export, name="places_export", access="officers"),
    route("places/mine/", my_places, name="my_places", access="signed-in"),
    route("places/new/", place_new, name="place_new", access="changers-and-owners"),
    route("places/pending/", places_pending, name="places_pending", access="changers"),
    route("places/pick/", place_pick, name="place_pick", access="signed-in"),
    route("places/<int:pk>/", place_detail, name="place", access="place"),
    route("places/<int:pk>/edit/", place_edit, name="place_edit", access="place-change"),
    route("places/<int:pk>/accept/", place_accept, name="place_accept", access="jurisdiction-change"),
    route("places/<int:pk>/reject/", place_reject, name="place_reject", access="jurisdiction-change"),
]
