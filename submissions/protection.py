"""Keeping robots out of the public form without captchas or outside services.

Three cheap signs tell most robots from people: they fill every field,
including one people never see; they post the moment they load the form;
and they post again and again. None of the checks tells the sender which
one failed.
"""

import math
import time

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from portal.counters import increment

from .conf import setting

HONEYPOT_FIELD = "hp_comment"
STARTED_FIELD = "started"
_STARTED_SALT = "submissions.form-started"


def now():
    return time.time()


def started_token(at=None):
    """A signed note of when the form was handed out."""
    return signing.dumps({"t": int(now() if at is None else at)}, salt=_STARTED_SALT)


def started_at(token):
    """When the form behind `token` was handed out, or None for a missing or forged token."""
    try:
        value = signing.loads(token or "", salt=_STARTED_SALT)
        return float(value["t"])
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        return None


def looks_automated(data):
    """True when a post filled the hidden field, came too fast, or lost its start time."""
    if (data.get(HONEYPOT_FIELD) or "").strip():
        return True
    started = started_at(data.get(STARTED_FIELD))
    return started is None or now() - started < setting("SUBMISSIONS_MIN_FILL_SECONDS")


def client_address(request):
    header = setting("SUBMISSIONS_CLIENT_IP_HEADER")
    address = request.META.get(header, "") if header else ""
    return (address.split(",")[0].strip() or request.META.get("REMOTE_ADDR", ""))[:100]


def client_hash(request):
    """A keyed hash of the reader's address, so neither the cache nor the database holds the address."""
    return salted_hmac("submissions.client", client_address(request), algorithm="sha256").hexdigest()


class RateLimit:
    """At most `limit` events per client within a sliding window, counted in the shared cache.

    Each window has one counter per client, raised with the cache's atomic
    `incr`, so every worker process counts against the same number and two
    posts at the same moment cannot both slip through a read-then-write. The
    window slides: the previous window's count weighs in for the part of it
    that still overlaps the last `window` seconds.
    """

    def __init__(self, name, limit_setting):
        self.name = name
        self.limit_setting = limit_setting

    def _key(self, client, number):
        return f"submissions:{self.name}:{client}:{number}"

    def _window(self):
        window = setting("SUBMISSIONS_RATE_WINDOW")
        moment = now()
        return window, int(moment // window), (moment % window) / window

    def count(self, client):
        window, number, elapsed = self._window()
        counts = cache.get_many([self._key(client, number), self._key(client, number - 1)])
        current = counts.get(self._key(client, number), 0)
        previous = counts.get(self._key(client, number - 1), 0)
        # Rounded up: a burst late in the last window keeps counting whole until it has slid out.
        return current + math.ceil(previous * (1 - elapsed))

    def exceeded(self, client):
        return self.count(client) >= setting(self.limit_setting)

    def record(self, client):
        window, number, _ = self._window()
        key = self._key(client, number)
        # Kept two windows: the next window still reads it.
        increment(key, timeout=2 * window)


submissions_per_client = RateLimit("sent", "SUBMISSIONS_RATE_LIMIT")
posts_per_client = RateLimit("posts", "SUBMISSIONS_POST_LIMIT")
