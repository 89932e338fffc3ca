from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import jurisdiction

from .display import with_changes
from .models import AuditEntry


@login_required
def entries(request: HttpRequest) -> HttpResponse:
    """The audit trail, for an administrator: per user (?user=name) or per record (?type=app.model&id=…)."""
    if not jurisdiction.is_administrator(request.user):
        raise PermissionDenied
    found = AuditEntry.objects.select_related("content_type")
    username = request.GET.get("user", "").strip()
    record_type = request.GET.get("type", "").strip()
    record_id = request.GET.get("id", "").strip()
    if username:
        found = found.filter(actor_name=username)
    if record_type and "." in record_type:
        app_label, model = record_type.lower().split(".", 1)
        found = found.filter(content_type__app_label=app_label, content_type__model=model)
    if record_id:
        found = found.filter(object_id=record_id)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": with_changes(page),
        "user_filter": username,
        "type_filter": record_type,
        "id_filter": record_id,
    }
    return render(request, "audit/entries.html", context)
