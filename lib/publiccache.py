"""Public pages and JSON served from the shared cache, with ETags, until a write changes them.

An answer is stored under its URL, its language and the current *versions* of the scopes it
shows (`"places"` for the map, `"place:<code>"` for one place's page, `"zones"` for levels and
zones). A write bumps the versions of the scopes it changes (`bump`): from then on every worker
and every machine looks the answer up under new keys, and the old entries expire unread. The
versions live in the shared cache too, so nothing depends on a process's memory.

Only anonymous GET and HEAD requests use it: a visitor with a session, a pending message or an
API token gets the page rendered for them. A page's CSRF token (in the language switch) is
personal, so it is stored as a placeholder and filled in per visitor.

The ETag is computed from the URL, the language and the versions alone, so a browser or a
reverse proxy revalidating with `If-None-Match` gets its 304 without the page being read.
"""

import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

Scopes = Callable[[dict[str, Any]], list[str]]

VERSION_KEY = "public-version:"
ENTRY_KEY = "public-page:"
# Entries also expire on their own: pages that show "expired"/"overdue" relative to now.
ENTRY_SECONDS = 120
# Browsers and proxies may keep a copy but must ask (cheaply, with the ETag) before using it.
CACHE_CONTROL = "public, no-cache"
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")

_pages: dict[str, Scopes] = {}


def register(view_name: str, scopes: Scopes) -> None:
    """Serve the URL named `view_name` (e.g. "safety:map", "api:public_summary") from the cache,
    valid while the versions of `scopes(url_kwargs)` are unchanged."""
    _pages[view_name] = scopes


def bump(*scopes: str) -> None:
    """The public answers that show these scopes are out of date.

    Bumped now, so that the writer's own next read (and a test's) sees the change, and again
    after commit, so that an answer another worker rendered in between from the data before
    the commit is never served.
    """
    _increment(scopes)
    transaction.on_commit(lambda: _increment(scopes))


def _increment(scopes: tuple[str, ...]) -> None:
    for scope in scopes:
        key = VERSION_KEY + scope
        try:
            cache.incr(key)
        except ValueError:  # never read or evicted: any new number will do
            cache.set(key, time.time_ns(), None)


def _versions(scopes: list[str]) -> list[int]:
    keys = [VERSION_KEY + scope for scope in scopes]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found.update(cache.get_many(missing))
    return [found.get(key, 0) for key in keys]


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or request.method not in ("GET", "HEAD")
    )


class PublicCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        scopes = _pages.get(match.view_name) if match else None
        if scopes is None or _personal(request):
            return None
        versions = _versions(scopes(kwargs))
        source = f"{request.get_full_path()}|{translation.get_language()}|{versions}"
        digest = hashlib.sha256(source.encode()).hexdigest()[:40]
        etag = f'"{digest}"'
        if etag in request.headers.get("If-None-Match", ""):
            return _headers(HttpResponseNotModified(), etag, None)
        entry = cache.get(ENTRY_KEY + digest)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            entry = _entry(response)
            cache.set(ENTRY_KEY + digest, entry, ENTRY_SECONDS)
        return _response(request, entry, etag)


def _entry(response: HttpResponse) -> dict[str, Any]:
    body = response.content
    token = CSRF_INPUT.search(body.decode(response.charset or "utf-8", "replace"))
    if token:
        body = body.replace(token.group(1).encode(), CSRF_PLACEHOLDER.encode())
    return {
        "body": body,
        "csrf": bool(token),
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        "modified": time.time(),
    }


def _response(request: HttpRequest, entry: dict[str, Any], etag: str) -> HttpResponse:
    body = entry["body"]
    if entry["csrf"]:
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(body)
    for name, value in entry["headers"].items():
        response[name] = value
    return _headers(response, etag, entry["modified"])


def _headers(response: HttpResponse, etag: str, modified: float | None) -> HttpResponse:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ["Cookie"])
    return response
