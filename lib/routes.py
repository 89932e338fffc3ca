"""A page's route declared with who may use it.

`route(...)` is Django's `path(...)` with one more argument, `access`: the rule, named in
testing/access.py, that the authorization matrix test checks for every role on this route. A
route declared with plain `path(...)` has no rule, and the test fails on it.
"""

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from django.urls import URLPattern, path

_ACCESS: "WeakKeyDictionary[URLPattern, str]" = WeakKeyDictionary()


def route(
    pattern: str, view: Callable[..., Any], kwargs: dict[str, Any] | None = None, *, name: str, access: str
) -> URLPattern:
    """`path(pattern, view, kwargs, name=name)`, recorded as open to the roles `access` names."""
    declared = path(pattern, view, kwargs, name=name)
    _ACCESS[declared] = access
    return declared


def access_of(pattern: URLPattern) -> str | None:
    """The rule the route was declared with, None for a route declared without one."""
    return _ACCESS.get(pattern)
