"""The shared cache on Redis keeps one client per connection pool and counts in one round trip,
with Django's meaning of incr: a missing key is an error, never a count from zero."""

import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != "lib.rediscache.SharedRedisCache",
    reason="needs Redis (REDIS_URL)",
)


def test_every_call_uses_the_same_client() -> None:
    client = cache._cache  # type: ignore[attr-defined]
    assert client.get_client("a") is client.get_client("b", write=True)


def test_incr_counts_an_existing_key_and_refuses_a_missing_one() -> None:
    cache.set("counted", 41)
    assert cache.incr("counted") == 42
    assert cache.incr("counted", 8) == 50
    assert cache.get("counted") == 50
    with pytest.raises(ValueError):
        cache.incr("never-set")
    assert cache.get("never-set") is None
