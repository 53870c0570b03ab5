"""Index changes that Elasticsearch could not take, kept in the database until it can.

A page published while the cluster is down must still reach the index. When
a write fails, the Elasticsearch engine stores the page ids as a
`PendingIndexOperation` instead of losing them, and `replay` tries them again,
oldest first: right after the engine's next successful write (the cluster is
back), and from `manage.py search_backlog --replay`.

A write that finds the index gone waits here too, and a full rebuild is
enqueued instead of a replay (search/indexing.py): the rebuild reads every
page, forgets the operations older than itself and replays the rest.

Replaying re-reads the pages through `search.indexing.index_pages`, so it
writes what readers should see now: a page unpublished since a failed
"index" is deleted, not indexed. That also makes a replay safe to repeat, so
two workers replaying the same row at once do no harm.
"""

import logging

from django.db.models import F
from django.utils import timezone

from search.engines.base import EngineUnavailable, IndexMissing
from search.models import PendingIndexOperation

logger = logging.getLogger(__name__)

# An error message is for a person reading `search_backlog`, not a full dump.
MAX_ERROR_CHARACTERS = 2000


def record(operation, page_ids, error):
    """Keep a failed index or delete of these pages for a later replay."""
    return PendingIndexOperation.objects.create(
        operation=operation, page_ids=[int(page_id) for page_id in page_ids], error=str(error)[:MAX_ERROR_CHARACTERS]
    )


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
    # search.indexing imports the page models and the engines; importing it at the
    # top would make the engines depend on the pages.
    from search.indexing import index_pages

    operations = list(PendingIndexOperation.objects.order_by("pk")[:limit])
    replayed = 0
    # While replaying, the engine raises instead of adding the failure to the backlog again.
    with engine.replaying():
        for operation in operations:
            try:
                index_pages(operation.page_ids, engine)
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
