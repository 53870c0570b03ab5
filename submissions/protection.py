"""Keeping robots out of the public form without captchas or outside services.

Three cheap signs tell most robots from people: they fill every field,
including one people never see; they post the moment they load the form;
and they post again and again. None of the checks tells the sender which
one failed.
"""

import time

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

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
    """At most `limit` events per client within a sliding window, counted in the cache."""

    def __init__(self, name, limit_setting):
        self.name = name
        self.limit_setting = limit_setting

    def _key(self, client):
        return f"submissions:{self.name}:{client}"

    def _recent(self, client):
        window = setting("SUBMISSIONS_RATE_WINDOW")
        since = now() - window
        return [moment for moment in cache.get(self._key(client), []) if moment > since]

    def exceeded(self, client):
        return len(self._recent(client)) >= setting(self.limit_setting)

    def record(self, client):
        cache.set(
            self._key(client),
            [*self._recent(client), now()],
            timeout=setting("SUBMISSIONS_RATE_WINDOW"),
        )


submissions_per_client = RateLimit("sent", "SUBMISSIONS_RATE_LIMIT")
posts_per_client = RateLimit("posts", "SUBMISSIONS_POST_LIMIT")
