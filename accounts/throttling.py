"""Login throttling: after repeated failures an account (or an address) must wait.

Each try is counted in the shared cache before the password is checked, with the cache's
atomic increment, so tries sent in parallel to several workers or machines cannot get more
checks than the limit between them.
"""

import contextlib

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


def _count(key: str) -> int:
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)  # the pause runs from the first failure
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def claim_attempt(username: str, address: str) -> bool:
    """Count a try; False when the account or the address has used up its tries."""
    counts = [(_count(key), limit) for key, limit in _keys(username, address)]
    return all(count <= limit for count, limit in counts)


def forgive(username: str, address: str) -> None:
    """A right password clears the account's failures and gives the address its try back."""
    (user_key, _), (address_key, _) = _keys(username, address)
    cache.delete(user_key)
    with contextlib.suppress(ValueError):  # the address's count has already expired
        cache.decr(address_key)
