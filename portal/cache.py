"""The production cache: Redis, and a portal that keeps serving while Redis is away.

Redis holds the page cache, the rate-limit counters and the search breaker.
None of them is worth an error page: a page missing from the cache is
rendered, a limit that cannot count lets the person through. So when Redis
cannot be reached, every call answers as if its key were absent (`get` gives
the default, `add` True, `incr` raises `CacheUnavailable`, the ValueError of a
missing key) instead of raising.

Django's Redis client waits 5 s for a connection and then retries, so a frozen
Redis would hold every request for long seconds. Here each call waits at most
`socket_timeout` (or `socket_connect_timeout`), is not retried, and after a
failure the whole process answers without Redis for `pause_after_failure`
seconds: one request in that time pays one short timeout and the rest pay
nothing. The first call after the pause tries again, so the cache comes back
by itself as soon as Redis answers.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

DEFAULT_SOCKET_TIMEOUT = 0.5
DEFAULT_PAUSE_AFTER_FAILURE = 5.0
# While Redis stays away, the log hears of it once a minute per process, not once per call.
WARN_EVERY = 60.0
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)


class CacheUnavailable(ValueError):
    """`incr` could not reach the cache; a ValueError, so code that handles a missing key handles it too."""


class _Outage:
    """Whether one Redis answers this process; shared by the cache objects of every thread."""

    def __init__(self):
        self._lock = threading.Lock()
        self.until = None
        self._since = None
        self._unanswered = 0
        self._warned_at = None

    def may_call(self, pause):
        if self.until is None:
            return True
        with self._lock:
            now = time.monotonic()
            if self.until is None:
                return True
            if now < self.until:
                self._unanswered += 1
                return False
            # This caller tries Redis again; until it has its answer the other
            # threads go on without Redis rather than each paying a timeout.
            self.until = now + pause
            return True

    def failed(self, error, pause):
        with self._lock:
            now = time.monotonic()
            self.until = now + pause
            self._unanswered += 1
            if self._since is None:
                self._since = now
            if self._warned_at is not None and now - self._warned_at < WARN_EVERY:
                return
            self._warned_at, unanswered, down_for = now, self._unanswered, now - self._since
            self._unanswered = 0
        logger.warning(
            "Redis cache unreachable for %.0f s (%s); %d calls answered without it; next try in %.0f s",
            down_for, error, unanswered, pause,
        )

    def answered(self):
        if self._since is None:
            return
        with self._lock:
            if self._since is None:
                return
            down_for = time.monotonic() - self._since
            self.until = self._since = self._warned_at = None
            self._unanswered = 0
        logger.warning("Redis cache reachable again after %.0f s", down_for)


_outages = {}
_outages_lock = threading.Lock()


def _outage_for(servers):
    with _outages_lock:
        return _outages.setdefault(tuple(servers), _Outage())


class ResilientRedisCache(RedisCache):
    """Django's Redis cache with short timeouts, that answers as a miss while Redis is unreachable.

    OPTIONS: `socket_timeout` and `socket_connect_timeout` (seconds, 0.5 by
    default) and `pause_after_failure` (seconds, 5); the rest go to redis-py
    as with Django's backend.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.pause = float(options.pop("pause_after_failure", DEFAULT_PAUSE_AFTER_FAILURE))
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_connect_timeout", options["socket_timeout"])
        # redis-py retries a failed call with backoff; each retry would be another timeout.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._outage = _outage_for(self._servers)

    def _call(self, fallback, operation, *args):
        if not self._outage.may_call(self.pause):
            return fallback()
        try:
            result = operation(*args)
        except UNREACHABLE as error:
            self._outage.failed(error, self.pause)
            return fallback()
        self._outage.answered()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # As if the key were absent: a caller that claims something with add()
        # (a clean-up to schedule) goes ahead rather than lose the work.
        return self._call(lambda: True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise CacheUnavailable(f"Key '{key}' not counted: the cache is unreachable.")

        return self._call(unavailable, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._call(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._call(lambda: False, super().clear)
