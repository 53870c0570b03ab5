"""One full rebuild of the index at a time: a row in the database, claimed by whoever starts one.

When a node comes back without its data, every write finds the index gone
and asks for a rebuild; only the first may enqueue one. The claim lives in the
database, not the cache, because the web processes and the task worker share
the database but not necessarily a cache.

A claim expires: a rebuild whose worker died frees the way after `LEASE`, a
running rebuild pushes the expiry on after each batch, and a rebuild that
failed keeps the claim for `RETRY_AFTER`, so a cluster that cannot take a
rebuild is not sent one with every publish.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from search.engines import engine_settings
from search.models import IndexRebuild

LEASE = datetime.timedelta(minutes=15)
RETRY_AFTER = datetime.timedelta(minutes=5)
MAX_REASON_CHARACTERS = 300


def _key():
    return engine_settings()["INDEX_PREFIX"]


def claim(reason, retry_now=False):
    """A token for a new rebuild of this portal's index, or None when one is queued or running.

    A rebuild that failed a moment ago blocks a new one too, unless `retry_now`
    (an operator running the command).
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        over = Q(expires__lte=now) | Q(failed=True) if retry_now else Q(expires__lte=now)
        IndexRebuild.objects.filter(over, key=_key()).delete()
        try:
            with transaction.atomic():
                IndexRebuild.objects.create(
                    key=_key(), token=token, reason=str(reason)[:MAX_REASON_CHARACTERS],
                    requested=now, expires=now + LEASE,
                )
        except IntegrityError:
            return None
    return token


def extend(token):
    """Keep a running rebuild's claim alive for another `LEASE`."""
    IndexRebuild.objects.filter(key=_key(), token=token).update(expires=timezone.now() + LEASE)


def release(token):
    """Free the way for the next rebuild; a claim that expired and was taken by another stays."""
    IndexRebuild.objects.filter(key=_key(), token=token).delete()


def hold_after_failure(token, error):
    IndexRebuild.objects.filter(key=_key(), token=token).update(
        expires=timezone.now() + RETRY_AFTER, failed=True, reason=str(error)[:MAX_REASON_CHARACTERS],
    )


def under_way():
    """The claim of a rebuild queued or running, or None."""
    return IndexRebuild.objects.filter(key=_key(), expires__gt=timezone.now(), failed=False).first()
