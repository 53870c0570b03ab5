"""What happens when the index cannot take a change: the fallback, the breaker and the backlog.

An engine's `index()` and `delete()` only write: they raise `EngineUnavailable`
when they cannot, and `IndexMissing` when the index is gone. Whether a change
is kept, tried later or written elsewhere as well is decided here, the same way
for every engine; search/indexing.py writes through `index_documents` and
`delete_documents`.

- While Elasticsearch is configured, every change goes to the database engine
  too (`fallback_for`, `mirror`): search/service.py answers from it when the
  cluster is down, and it should know what was published since. Its failure is
  logged and harms nothing else.
- A change the engine cannot take waits in the backlog (search/backlog.py),
  with the pages the failed write may have left out of step, and the engine's
  `IndexMissing` goes on to the caller, which asks for a full rebuild.
- While the engine's circuit breaker is open (search/breaker.py), a change goes
  to the backlog at once: nobody waits on a cluster that keeps failing.
- Once a write succeeds the engine is reachable again, so the backlog replays
  right after it. Replaying re-reads the pages, so coming after this write
  cannot undo it.

The database engine keeps no backlog: it is the portal's own database, so when
it fails there is nowhere to keep the change either, and the failure reaches
the caller.
"""

import logging

from django.db import transaction

from search import backlog
from search.engines import FALLBACK, get_engine
from search.engines.base import EngineUnavailable, IndexMissing
from search.models import PendingIndexOperation

logger = logging.getLogger(__name__)

# Operations replayed after a successful write; the task and the command replay the rest.
REPLAY_AFTER_WRITE = 100


def keeps_backlog(engine):
    """Whether changes `engine` cannot take wait in the backlog: it is a server of its own, beside the database."""
    return type(engine).__module__ != FALLBACK


def fallback_for(engine):
    """The database engine when `engine` is another one, else None.

    While Elasticsearch is configured, readers get the database's answers when
    the cluster is down, so every write goes to the database index too.
    """
    return get_engine(FALLBACK) if keeps_backlog(engine) else None


def mirror(fallback, documents=(), gone=(), reset=False):
    """Write to the database fallback; a failure there is logged and never reaches the editor or the engine."""
    try:
        # A savepoint, so a failed write leaves the caller's transaction usable.
        with transaction.atomic():
            if reset:
                fallback.reset()
            if documents:
                fallback.index(documents)
            if gone:
                fallback.delete(gone)
    except Exception:
        logger.exception("The database fallback index missed a write (pages %s)",
                         [document.page_id for document in documents] + list(gone))


def index_documents(engine, documents):
    """Add or replace these documents; what the engine cannot take waits in the backlog. Returns how many were written."""
    documents = list(documents)
    if not documents:
        return 0
    page_ids = [document.page_id for document in documents]
    return _written(engine, PendingIndexOperation.INDEX, page_ids, lambda: engine.index(documents))


def delete_documents(engine, page_ids):
    """Remove these pages' documents; what the engine cannot take waits in the backlog."""
    page_ids = list(page_ids)
    if not page_ids:
        return 0
    return _written(engine, PendingIndexOperation.DELETE, page_ids, lambda: engine.delete(page_ids))


def _written(engine, operation, page_ids, write):
    """Run `write`, or keep `operation` on these pages in the backlog when the engine cannot take it."""
    if not keeps_backlog(engine):
        return write()
    breaker = getattr(engine, "breaker", None)
    if breaker is not None and not breaker.allow():
        backlog.record(operation, page_ids, f"{engine.name} failed repeatedly; not tried")
        return 0
    try:
        done = write()
    except EngineUnavailable as error:
        logger.warning("%s: %s of pages %s failed, kept in the backlog: %s", engine.name, operation, page_ids, error)
        backlog.record(operation, page_ids, error)
        if error.stale_pages:
            backlog.record(PendingIndexOperation.INDEX, error.stale_pages, error)
        if isinstance(error, IndexMissing):
            raise
        return 0
    if backlog.has_pending():
        backlog.replay(engine, limit=REPLAY_AFTER_WRITE)
    return done
