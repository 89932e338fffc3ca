from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts import jurisdiction
from accounts.models import Role
from lib import publiccache

publiccache.register("home", lambda kwargs: ["site"])


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": f"unreachable: {exc}".strip()}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    """Officers land on their jurisdiction; everyone else on the public front page."""
    unit = jurisdiction.home_unit(request.user)
    if unit is not None:
        return redirect("units:unit", scheme=unit.scheme, code=unit.code)
    if jurisdiction.has_role(request.user, Role.OWNER):
        return redirect("safety:my_places")
    return render(request, "home.html")
