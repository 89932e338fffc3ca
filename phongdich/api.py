"""The JSON API under /api/v1/: one NinjaAPI, one router per app, errors as JSON."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
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
from lib.api_errors import ErrorOut
from lib.conflict import Conflict
from lib.uploads import FileTooLarge
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


# Every operation may answer with the API's error format; the document says so once for all.
ERRORS = {
    400: "The request could not be read",
    401: "Sign in or send a valid API token",
    403: "Outside your jurisdiction or role",
    404: "Not found",
    409: "The record is not in a state that allows this",
    413: "The request or file is too large",
    422: "The input is not valid; errors per field",
    429: "Too many attempts",
}


class PhongdichAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        definitions = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        schema["components"]["schemas"].update(definitions.pop("$defs", {}))
        schema["components"]["schemas"]["ErrorOut"] = definitions
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERRORS.items():
                    responses.setdefault(status, {"description": description, "content": error})
        return schema


api = PhongdichAPI(
    renderer=UnicodeRenderer(),
    title="Phòng dịch API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    description="Units, places, inspections, zones, directives, readiness, exams and elections of a province.",
)
# Every app's router at the root of /api/v1/, in the order the document lists them.
for app_router in (
    accounts_router,
    territory_router,
    safety_router,
    inspections_router,
    enforcement_router,
    zones_router,
    directives_router,
    outreach_router,
    readiness_router,
    portal_router,
    reports_router,
    events_router,
):
    api.add_router("/", app_router)


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


# The errors answered with {"detail": message} alone: the status and the message of each.
DETAILS: dict[type[Exception], tuple[int, Callable[[Any], str]]] = {
    FileTooLarge: (413, lambda exc: " ".join(exc.messages)),
    Conflict: (409, str),
    PermissionDenied: (403, lambda exc: str(exc) or _("You do not have permission to access this record.")),
    Http404: (404, lambda exc: str(exc) if exc.args else _("Not found.")),
    AuthenticationError: (401, lambda exc: _("Sign in or send a valid API token.")),
    RequestDataTooBig: (413, lambda exc: _("The request is too large.")),
    SuspiciousOperation: (400, lambda exc: _("The request could not be read.")),
}


def _answer(status: int, detail: Callable[[Any], str]) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail(exc)}, status=status)

    return handler


for error, (error_status, error_detail) in DETAILS.items():
    api.add_exception_handler(error, _answer(error_status, error_detail))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


# Who may use the API's own routes (rules in testing/access.py); each app's api module declares
# its endpoints. The root of /api/v1/ is not a page: a 404 for everyone.
ACCESS = {
    "openapi-json": "public",
    "openapi-view": "public",
    "api-root": "nobody",
}
