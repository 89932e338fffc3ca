import json
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _

from lib.hygiene import message_for, refused_character, refused_in


class LanguageMiddleware:
    """Vietnamese unless the visitor chose English with the switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language, so an
    official's English-language browser still gets the Vietnamese site by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


API_PREFIX = "/api/"
# What an error answer says besides its status, kept when the API rewrites it as JSON.
KEPT_HEADERS = ("Allow", "Retry-After")


def json_error(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    """The API's error format (phongdich/api.py): {"detail": …} and, for bad input, "errors"."""
    body: dict[str, object] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _error_detail(status: int, reason: str) -> str:
    if status == 404:
        return _("Not found.")
    if status == 405:
        return _("This method is not allowed here.")
    if status >= 500:
        return _("Server error.")
    return reason


class InputHygieneMiddleware:
    """Refuse, before any view runs, input carrying control characters or lone surrogates
    (lib/hygiene.py): in the path, the query string, and the API's JSON and form bodies.

    The API answers 422 in its JSON error format; a page answers 400 (a form's own fields are
    checked by the form, with an error on the field). Under /api/ every error, including a body
    too large (413) or unreadable (400) and Django's own 404 or 500 pages, is JSON too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = request.path.startswith(API_PREFIX)
        try:
            refused = list(self._refused(request, api))
        except RequestDataTooBig:
            if not api:
                raise
            return json_error(413, _("The request is too large."))
        except (SuspiciousOperation, UnicodeDecodeError, MultiPartParserError):
            if not api:
                raise
            return json_error(400, _("The request could not be read."))
        if refused:
            if not api:
                raise BadRequest(message_for(refused[0][1]))
            errors = [{"field": where, "message": message_for(char)} for where, char in refused[:20]]
            return json_error(422, errors[0]["message"], errors)
        response = self.get_response(request)
        if api and response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            error = json_error(response.status_code, _error_detail(response.status_code, response.reason_phrase))
            for header in KEPT_HEADERS:  # a 405 says which methods the address takes
                if header in response:
                    error[header] = response[header]
            return error
        return response

    def _refused(self, request: HttpRequest, api: bool) -> Iterator[tuple[str, str]]:
        if (char := refused_character(request.path, allow="")) is not None:
            yield "path", char
        for key, values in request.GET.lists():
            for value in (key, *values):
                if (char := refused_character(value, allow="")) is not None:
                    yield key, char
        if not api or request.method not in ("POST", "PUT", "PATCH"):
            return
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body)
            except ValueError:
                return  # the API answers 400 for a body it cannot read
            yield from refused_in(data)
        elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            for key, values in request.POST.lists():
                for value in (key, *values):
                    if (char := refused_character(value)) is not None:
                        yield key, char
            for key, files in request.FILES.lists():
                for upload in files:
                    if (char := refused_character(upload.name or "", allow="")) is not None:
                        yield key, char


def tile_origin(url_template: str) -> str:
    """The origin of the map tiles ("https://{s}.tile.example.org/…" → "https://*.tile.example.org")."""
    parts = urlsplit(url_template)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    return f"{parts.scheme}://{host}"


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response: scripts, styles, fonts and data from this
    site only (no inline script: scripts are static files), images also from the configured map
    tiles, and no framing. Styles may be inline (style attributes and Leaflet's positioning)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        tiles = tile_origin(settings.MAP_TILE_URL)
        self.policy = "; ".join(
            [
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                f"img-src 'self' data:{' ' + tiles if tiles else ''}",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
