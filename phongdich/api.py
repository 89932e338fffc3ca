"""The JSON API under /api/v1/: one NinjaAPI, one router per app, errors as JSON."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from accounts.api import router as accounts_router
from directives.api import router as directives_router
from enforcement.api import router as enforcement_router
from events.api import router as events_router
from inspections.api import router as inspections_router
from outreach.api import router as outreach_router
from portal.api import router as portal_router
from readiness.api import router as readiness_router
from reports.api import router as reports_router
from safety.api import router as safety_router
from territory.api import router as territory_router
from zones.api import router as zones_router


class UnicodeRenderer(JSONRenderer):
    # Vietnamese names stay readable in responses ("Đắk Mil", not "\u0110\u1eafk Mil").
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=UnicodeRenderer(),
    title="Phòng dịch API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    description="Units, places, inspections, zones, directives, readiness, exams and elections of a province.",
)
api.add_router("/", accounts_router)
api.add_router("/", territory_router)
api.add_router("/", safety_router)
api.add_router("/", inspections_router)
api.add_router("/", enforcement_router)
api.add_router("/", zones_router)
api.add_router("/", directives_router)
api.add_router("/", outreach_router)
api.add_router("/", readiness_router)
api.add_router("/", portal_router)
api.add_router("/", reports_router)
api.add_router("/", events_router)


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [
        {"field": ".".join(str(part) for part in err.get("loc", [])[1:]), "message": err.get("msg", "")}
        for err in exc.errors
    ]
    return api.create_response(request, {"detail": _("The request is not valid."), "errors": errors}, status=422)


@api.exception_handler(DjangoValidationError)
def rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": str(m)} for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"field": "", "message": str(m)} for m in exc.messages]
    return api.create_response(request, {"detail": errors[0]["message"], "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("You do not have permission to access this record.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) if exc.args else _("Not found.")
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Sign in or send a valid API token.")}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
