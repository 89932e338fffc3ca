"""Login throttling: after repeated failures an account (or an address) must wait."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from lib.text import fold


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _keys(username: str, address: str) -> list[tuple[str, int]]:
    return [
        (f"login-failures:user:{fold(username)}", settings.LOGIN_FAILURE_LIMIT),
        (f"login-failures:addr:{address}", settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS),
    ]


def is_locked(username: str, address: str) -> bool:
    return any(cache.get(key, 0) >= limit for key, limit in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for key, _limit in _keys(username, address):
        cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def reset(username: str) -> None:
    cache.delete(_keys(username, "")[0][0])
