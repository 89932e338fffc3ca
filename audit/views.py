from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import jurisdiction
from accounts.models import User
from lib.picker import PICK_LIMIT, pick_results, search_text
from lib.text import fold

from .display import with_changes
from .forms import EntriesFilter
from .models import AuditEntry


@login_required
@require_GET
def actor_pick(request: HttpRequest) -> HttpResponse:
    """The audit filter's user picker (JSON), for the administrator: users by username or name,
    diacritics optional."""
    if not jurisdiction.is_administrator(request.user):
        raise PermissionDenied
    key = fold(search_text(request))
    if not key:
        return pick_results([])
    users = User.objects.filter(search_name__contains=key).order_by("username")
    return pick_results({"value": user.username, "label": f"{user} ({user.username})"} for user in users[:PICK_LIMIT])


@login_required
def entries(request: HttpRequest) -> HttpResponse:
    """The audit trail, for an administrator: per user (?user=name) or per record (?type=app.model&id=…)."""
    if not jurisdiction.is_administrator(request.user):
        raise PermissionDenied
    found = AuditEntry.objects.select_related("content_type")
    form = EntriesFilter(request.GET)
    if not form.is_valid():
        return render(request, "audit/entries.html", {"form": form, "page": None, "rows": []}, status=400)
    username, record_type, record_id = (form.cleaned_data[name].strip() for name in ("user", "type", "id"))
    if username:
        found = found.filter(actor_name=username)
    if record_type and "." in record_type:
        app_label, model = record_type.lower().split(".", 1)
        found = found.filter(content_type__app_label=app_label, content_type__model=model)
    if record_id:
        found = found.filter(object_id=record_id)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": with_changes(page),
        "user_filter": username,
        "type_filter": record_type,
        "id_filter": record_id,
    }
    return render(request, "audit/entries.html", context)
