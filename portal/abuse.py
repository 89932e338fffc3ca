"""Abuse control for reports sent without an account, with no third-party captcha: rate limits per
address and per device counted in the shared cache (Redis in production, so every app server
counts the same), a honeypot field robots fill in, and refusal of a text already received.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from lib.text import fold

DEVICE_COOKIE = "pd_device"
HONEYPOT_FIELD = "website"


@dataclass
class Client:
    address: str
    device: str = ""


def client_of(request: HttpRequest) -> Client:
    device = request.COOKIES.get(DEVICE_COOKIE) or request.headers.get("X-Device-Id", "")
    return Client(address=str(request.META.get("REMOTE_ADDR", "unknown")), device=device[:64])


def _limits(client: Client) -> list[tuple[str, int, int]]:
    """(key, limit, window in seconds) for every counter this client's attempt adds to."""
    limits = [
        (f"address:{client.address}", settings.REPORTS_PER_MINUTE_PER_ADDRESS, 60),
        (f"address:{client.address}", settings.REPORTS_PER_HOUR_PER_ADDRESS, 3600),
    ]
    if client.device:
        device = hashlib.sha256(client.device.encode()).hexdigest()[:32]
        limits += [
            (f"device:{device}", settings.REPORTS_PER_MINUTE_PER_DEVICE, 60),
            (f"device:{device}", settings.REPORTS_PER_HOUR_PER_DEVICE, 3600),
        ]
    return limits


def allow(client: Client, now: float | None = None) -> bool:
    """Count one attempt (fixed windows); False once any counter is over its limit."""
    now = time.time() if now is None else now
    allowed = True
    for name, limit, window in _limits(client):
        key = f"reports:{name}:{window}:{int(now // window)}"
        cache.add(key, 0, window + 5)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, window + 5)
            count = 1
        if count > limit:
            allowed = False
    return allowed


def text_fingerprint(text: str) -> str:
    """The same for texts that differ only in case, accents, spacing or punctuation."""
    return hashlib.sha256(fold(text).encode()).hexdigest()
