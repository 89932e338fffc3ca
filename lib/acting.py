"""Who is acting right now: set per request by the middleware, or by a command."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass
class Actor:
    source: str
    request: HttpRequest | None = None
    user: Any = None
    name: str = ""

    def current_user(self) -> Any:
        if self.request is not None:
            user = getattr(self.request, "user", None)
            return user if user is not None and user.is_authenticated else None
        return self.user


_actor: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


def current_actor() -> Actor | None:
    return _actor.get()


@contextmanager
def acting(actor: Actor) -> Iterator[None]:
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def source_of(request: HttpRequest) -> str:
    if request.path.startswith("/api/"):
        return "api"
    if request.path.startswith("/admin/"):
        return "admin"
    return "web"
