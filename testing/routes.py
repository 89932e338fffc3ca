"""Every route of the site and the API, read from the URL configuration, for tests that probe
them all (so a new page or endpoint is covered without writing a test)."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    pattern: str  # "enforcement/<int:pk>/" or "api/v1/violations/{violation_id}" as Django has it
    name: str
    callback: Any
    parameters: tuple[str, ...]
    urlconf: str  # the module whose urlpatterns hold the route


def _walk(patterns: list[Any], prefix: str, namespace: str, urlconf: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            module = (
                entry.urlconf_name
                if isinstance(entry.urlconf_name, str)
                else getattr(entry.urlconf_module, "__name__", urlconf)
            )
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), space or "", module)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            parameters = tuple(entry.pattern.regex.groupindex) + tuple(
                p for p in getattr(entry.pattern, "converters", {}) if p not in entry.pattern.regex.groupindex
            )
            yield Route(pattern, name, entry.callback, tuple(dict.fromkeys(parameters)), urlconf)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", "", settings.ROOT_URLCONF))


def plain_path(route: Route) -> str | None:
    """The path of a route that takes no parameter, or None."""
    if route.parameters or any(char in route.pattern for char in "^$(<[{"):
        return None
    return "/" + route.pattern
