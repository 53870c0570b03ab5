"""A circuit breaker for the search cluster, kept in the shared cache.

After a few failed calls in a short time the breaker opens: for a cool-down
period no reader waits on the cluster (searches go straight to the database
engine) and no publish waits on it (changes go straight to the backlog). Then
one caller at a time is let through as a probe; its success closes the breaker,
its failure opens it for another cool-down.

The state lives in Django's default cache, so in production (Redis) every
worker process shares one breaker; `cache.incr` is atomic there. Without a
shared cache each process keeps its own, which is still correct, only slower
to open.
"""

import time

from django.conf import settings
from django.core.cache import cache

from portal.counters import increment

DEFAULTS = {"FAILURES": 3, "WINDOW": 30, "COOL_DOWN": 30}


def breaker_settings():
    return {**DEFAULTS, **getattr(settings, "PORTAL_SEARCH", {}).get("BREAKER", {})}


class CircuitBreaker:
    def __init__(self, name, failures=None, window=None, cool_down=None):
        config = breaker_settings()
        self.failures = int(failures if failures is not None else config["FAILURES"])
        self.window = float(window if window is not None else config["WINDOW"])
        self.cool_down = float(cool_down if cool_down is not None else config["COOL_DOWN"])
        key = f"search-breaker:{name}"
        self._count_key = f"{key}:failures"
        self._open_key = f"{key}:open-until"
        self._probe_key = f"{key}:probe"

    def is_open(self):
        """Whether calls are held back now (open, or half-open with a probe under way)."""
        return not self._may_call(claim=False)

    def allow(self):
        """Whether this caller may call the cluster; a caller let through after the cool-down is the probe."""
        return self._may_call(claim=True)

    def _may_call(self, claim):
        open_until = cache.get(self._open_key)
        if open_until is None:
            return True
        if time.time() < open_until:
            return False
        if not claim:
            return cache.get(self._probe_key) is None
        # Half-open: only the first caller gets through; the probe's lease
        # outlives a stuck call so that a lost probe cannot keep it shut.
        return cache.add(self._probe_key, 1, timeout=self.cool_down)

    def record_success(self):
        cache.delete_many([self._count_key, self._open_key, self._probe_key])

    def record_failure(self):
        if cache.get(self._open_key) is not None:
            # A failed probe (or a call that started before the breaker opened).
            self._open()
            return
        # A cache that cannot count (Redis away) leaves the breaker closed.
        failures = increment(self._count_key, timeout=self.window)
        if failures is not None and failures >= self.failures:
            self._open()

    def _open(self):
        # The marker outlives the cool-down so the half-open state is remembered.
        cache.set(self._open_key, time.time() + self.cool_down, timeout=self.cool_down * 10 + 60)
        cache.delete(self._probe_key)
