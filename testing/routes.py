"""Every route of the site and the API, read from the URL configuration, for tests that probe
them all (so a new page or endpoint is covered without writing a test)."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from lib.routes import access_of


@dataclass(frozen=True)
class Route:
    pattern: str  # "enforcement/<int:pk>/" or "api/v1/violations/{violation_id}" as Django has it
    name: str
    callback: Any
    parameters: tuple[str, ...]
    access: str | None  # the rule the page was declared with (lib.routes.route), None for none


def _parameters(pattern: Any) -> tuple[str, ...]:
    return tuple(pattern.regex.groupindex) + tuple(
        p for p in getattr(pattern, "converters", {}) if p not in pattern.regex.groupindex
    )


def _walk(patterns: list[Any], prefix: str, namespace: str, outer: tuple[str, ...]) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), space or "", outer + _parameters(entry.pattern)
            )
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            parameters = tuple(dict.fromkeys(outer + _parameters(entry.pattern)))
            yield Route(pattern, name, entry.callback, parameters, access_of(entry))


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", "", ()))


def plain_path(route: Route) -> str | None:
    """The path of a route that takes no parameter, or None."""
    if route.parameters or any(char in route.pattern for char in "^$(<[{"):
        return None
    return "/" + route.pattern
