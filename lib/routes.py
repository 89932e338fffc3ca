"""A page's route, or an API operation, declared with who may use it.

`route(...)` is Django's `path(...)` with one more argument, `access`: the rule, named in
testing/access.py, that the authorization matrix test checks for every role on this route. A
route declared with plain `path(...)` has no rule, and the test fails on it. An API operation is
declared the same way, on a `Router`: `@router.get(path, access=rule, ...)` (or post, put,
patch, delete); django-ninja's own router has no `access`, so an operation declared on one fails
the test too.
"""

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from django.urls import URLPattern, path
from ninja import Router as NinjaRouter

_ACCESS: "WeakKeyDictionary[Any, str]" = WeakKeyDictionary()

Operation = TypeVar("Operation", bound=Callable[..., Any])


def route(
    pattern: str, view: Callable[..., Any], kwargs: dict[str, Any] | None = None, *, name: str, access: str
) -> URLPattern:
    """`path(pattern, view, kwargs, name=name)`, recorded as open to the roles `access` names."""
    declared = path(pattern, view, kwargs, name=name)
    _ACCESS[declared] = access
    return declared


class Router(NinjaRouter):
    """django-ninja's router whose operations each say who may use them.

    Give the router the `auth` most of its operations share; an operation open to anyone says
    `auth=None`. The API answers every refusal (401, 403, 404, 409, 413, 422, 429) in one format
    and documents it for every operation (phongdich/api.py), so `response` names only the
    answers an operation gives when it succeeds, or a refusal with its own body.

    `access` is required where django-ninja's methods have no such argument: hence the
    `type: ignore[override]` on each.
    """

    def get(self, path: str, *, access: str, **options: Any) -> Callable[[Operation], Operation]:  # type: ignore[override]
        return self._declared(super().get(path, **options), access)

    def post(self, path: str, *, access: str, **options: Any) -> Callable[[Operation], Operation]:  # type: ignore[override]
        return self._declared(super().post(path, **options), access)

    def put(self, path: str, *, access: str, **options: Any) -> Callable[[Operation], Operation]:  # type: ignore[override]
        return self._declared(super().put(path, **options), access)

    def patch(self, path: str, *, access: str, **options: Any) -> Callable[[Operation], Operation]:  # type: ignore[override]
        return self._declared(super().patch(path, **options), access)

    def delete(self, path: str, *, access: str, **options: Any) -> Callable[[Operation], Operation]:  # type: ignore[override]
        return self._declared(super().delete(path, **options), access)

    @staticmethod
    def _declared(register: Callable[[Operation], Operation], access: str) -> Callable[[Operation], Operation]:
        def declare(operation: Operation) -> Operation:
            _ACCESS[operation] = access
            return register(operation)

        return declare


def access_of(declared: URLPattern | Callable[..., Any]) -> str | None:
    """The rule a route or an operation was declared with, None for one declared without."""
    return _ACCESS.get(declared)
