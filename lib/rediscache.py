"""Django's Redis cache with one client per connection pool, and `incr` in one round trip.

Django's backend builds a new `redis.Redis` for every cache call, and each one copies the
client's table of reply callbacks: on a submission that bumps a public page's version that is
a fifth of a millisecond a call. A client holds no connection of its own (the pool does, and
resets itself in a forked worker), so one per pool serves every call of the process.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# Django's incr asks EXISTS, then INCRBY: a missing key must raise ValueError, not start at 0.
INCR_EXISTING = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('incrby', KEYS[1], ARGV[1]) end"


class _PooledClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django internals the stubs omit
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client

    def incr(self, key: Any, delta: int) -> int:
        value = self.get_client(key, write=True).eval(INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(value)


class SharedRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _PooledClient
