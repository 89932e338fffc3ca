"""A page's route, or an API operation, declared with who may use it.

`route(...)` is Django's `path(...)` with one more argument, `access`: the rule, named in
testing/access.py, that the authorization matrix test checks for every role on this route. A
route declared with plain `path(...)` has no rule, and the test fails on it. An API operation
declares its rule with `@api_access(rule)` right under the router's `@router.get(...)` (or post,
put, patch, delete); an operation without one fails the test too.
"""

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from django.urls import URLPattern, path

_ACCESS: "WeakKeyDictionary[Any, str]" = WeakKeyDictionary()

Operation = TypeVar("Operation", bound=Callable[..., Any])


def route(
    pattern: str, view: Callable[..., Any], kwargs: dict[str, Any] | None = None, *, name: str, access: str
) -> URLPattern:
    """`path(pattern, view, kwargs, name=name)`, recorded as open to the roles `access` names."""
    declared = path(pattern, view, kwargs, name=name)
    _ACCESS[declared] = access
    return declared


def api_access(access: str) -> Callable[[Operation], Operation]:
    """The API operation below, recorded as open to the roles `access` names (and left as it is)."""

    def declare(operation: Operation) -> Operation:
        _ACCESS[operation] = access
        return operation

    return declare


def access_of(declared: URLPattern | Callable[..., Any]) -> str | None:
    """The rule a route or an operation was declared with, None for one declared without."""
    return _ACCESS.get(declared)
