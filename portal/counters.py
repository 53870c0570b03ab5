"""A counter in the shared cache that every worker process raises atomically."""

from django.core.cache import cache

from portal.cache import CacheUnavailable


def increment(key, timeout, start=0):
    """Raise the counter at `key` by one (from `start` when it is not there) and return its new value.

    `cache.incr` is atomic in Redis, so simultaneous callers never lose a count;
    the key can expire or be evicted between `add` and `incr`, hence the retry.

    Returns None when the cache cannot be reached and nothing was counted:
    callers then let the request through (a rate limit, the search breaker)
    rather than turn a Redis outage into readers' errors.
    """
    cache.add(key, start, timeout=timeout)
    try:
        return cache.incr(key)
    except CacheUnavailable:
        return None
    except ValueError:
        cache.add(key, start + 1, timeout=timeout)
        return start + 1
