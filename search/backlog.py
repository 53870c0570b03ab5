"""Index changes that Elasticsearch could not take, kept in the database until it can.

A page published while the cluster is down must still reach the index. When
a write fails, search/write_policy.py stores the page ids as a
`PendingIndexOperation` instead of losing them, and `replay` tries them again,
oldest first: right after the engine's next successful write (the cluster is
back), from a task the first failure schedules (and which comes back with a
growing delay while anything waits), and from `manage.py search_backlog --replay`.

A write that finds the index gone waits here too, and a full rebuild is
enqueued instead of a replay (search/indexing.py): the rebuild reads every
page, forgets the operations older than itself and replays the rest.

Replaying re-reads the pages through `search.indexing.write_pages`, so it
writes what readers should see now: a page unpublished since a failed
"index" is deleted, not indexed. That also makes a replay safe to repeat, so
two workers replaying the same row at once do no harm.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.engines.base import EngineUnavailable, IndexMissing
from search.models import PendingIndexOperation

logger = logging.getLogger(__name__)

# An error message is for a person reading `search_backlog`, not a full dump.
MAX_ERROR_CHARACTERS = 2000
# Waits before each scheduled replay: a node restarted after a minute is caught
# up soon, one down for hours is asked every ten minutes, not every second.
REPLAY_DELAYS = (timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=5),
                 timedelta(minutes=10))


def record(operation, page_ids, error):
    """Keep a failed index or delete of these pages for a later replay."""
    # The first operation to wait starts the chain of replays; later ones join it.
    first = not has_pending()
    kept = PendingIndexOperation.objects.create(
        operation=operation, page_ids=[int(page_id) for page_id in page_ids], error=str(error)[:MAX_ERROR_CHARACTERS]
    )
    if first:
        schedule_replay()
    return kept


def schedule_replay(attempt=1):
    """Enqueue a replay of the backlog after the delay for this attempt; return whether one was enqueued.

    A backend that runs tasks in the request cannot wait: there the next
    successful write or the command replays.
    """
    # search.indexing writes through search.write_policy, which imports this module.
    from search.indexing import replay_backlog_task

    if not replay_backlog_task.get_backend().supports_defer:
        return False
    delay = REPLAY_DELAYS[min(attempt, len(REPLAY_DELAYS)) - 1]
    transaction.on_commit(
        lambda: replay_backlog_task.using(run_after=timezone.now() + delay).enqueue(attempt)
    )
    return True


def has_pending():
    return PendingIndexOperation.objects.exists()


def pages_waiting():
    """How many page changes wait: the index may be off by that many without having lost any."""
    return sum(len(page_ids) for page_ids in PendingIndexOperation.objects.values_list("page_ids", flat=True))


def backlog_summary():
    """(number waiting, the oldest's creation time, the latest error) for `search_backlog`."""
    operations = PendingIndexOperation.objects.all()
    oldest = operations.order_by("created", "pk").values_list("created", flat=True).first()
    last_error = operations.order_by("-last_attempt", "-pk").values_list("error", flat=True).first()
    return operations.count(), oldest, last_error or ""


def replay(engine, limit=None):
    """Retry waiting operations in order, dropping those that succeed; return (replayed, still waiting).

    Stops at the first failure: the cluster is most likely still down, and the
    next write or the next run of the command tries again. Raises `IndexMissing`
    when the index is gone, as only a full rebuild brings it back.
    """
    # search.indexing writes through search.write_policy, which imports this module.
    from search.indexing import write_pages

    operations = list(PendingIndexOperation.objects.order_by("pk")[:limit])
    replayed = 0
    for operation in operations:
        # Straight to the engine: a failure counts against this operation rather than joining the backlog again.
        try:
            write_pages(operation.page_ids, engine)
        except EngineUnavailable as error:
            PendingIndexOperation.objects.filter(pk=operation.pk).update(
                attempts=F("attempts") + 1, error=str(error)[:MAX_ERROR_CHARACTERS],
                last_attempt=timezone.now(),
            )
            logger.warning("Search backlog: replay stopped at operation %s: %s", operation.pk, error)
            if isinstance(error, IndexMissing):
                raise
            break
        operation.delete()
        replayed += 1
    return replayed, PendingIndexOperation.objects.count()


def discard_before(moment):
    """Forget operations older than a full rebuild that started at `moment`: it read those pages anew."""
    return PendingIndexOperation.objects.filter(created__lt=moment).delete()[0]
