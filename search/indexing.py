"""Keeping the index in step with published content, page by page or all at once.

Editors save drafts all day, but readers see only published pages, so we
index on page_published and page_unpublished, not post_save. The work runs as
a task, not in the editor's request; with the immediate backend it runs at once.

Each page's document is built and analysed once, then written through
search/write_policy.py: to the database fallback as well while Elasticsearch is
configured, and to the backlog when the engine cannot take it.

When a write finds the Elasticsearch index gone (a node that came back
without its data), the change waits in the backlog and a full rebuild is
enqueued, once, rather than letting the index restart with one page.
"""

import datetime
import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django_tasks import task
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import PracticePage
from search import backlog, rebuild_lock
from search.document_analysis import analyzed
from search.documents import document_for_page, indexable_pages
from search.engines import get_engine
from search.engines.base import EngineUnavailable, IndexMissing
from search.suggest import forget_all, learn
from search.write_policy import delete_documents, fallback_for, index_documents, keeps_backlog, mirror

logger = logging.getLogger(__name__)

BATCH = 200
# Pages published this long before a rebuild began are written again after it:
# the task worker's clock and the web server's may differ a little.
CLOCK_MARGIN = datetime.timedelta(minutes=1)


def index_pages(page_ids, engine=None, fallback=None):
    """Index the live ones among these pages and drop the rest, in `engine` and in its `fallback`.

    What the engine cannot take waits in the backlog (search/write_policy.py);
    `IndexMissing` comes through when its index is gone.
    """
    engine = engine or get_engine()
    documents, gone = _documents_and_gone(page_ids)
    # The fallback first: should the engine find its index gone and raise, the fallback is current anyway.
    if fallback is not None:
        mirror(fallback, documents, gone)
    index_documents(engine, documents)
    delete_documents(engine, gone)
    return len(documents), len(gone)


def write_pages(page_ids, engine):
    """Put these pages in `engine` as readers see them now, raising `EngineUnavailable` if it cannot take them.

    For the backlog's replay: the change is already waiting there.
    """
    documents, gone = _documents_and_gone(page_ids)
    if documents:
        engine.index(documents)
    if gone:
        engine.delete(gone)


def _documents_and_gone(page_ids):
    """(analysed documents of the live pages among these, ids of the others)."""
    page_ids = list(page_ids)
    pages = list(indexable_pages().filter(pk__in=page_ids))
    documents = [document_for_page(page) for page in pages]
    learn(documents)
    gone = sorted(set(page_ids) - {page.pk for page in pages})
    return [analyzed(document) for document in documents], gone


def update_pages(page_ids):
    """Index these pages with the configured engine and its fallback; ask for a rebuild if the index is gone."""
    engine = get_engine()
    try:
        return index_pages(page_ids, engine, fallback=fallback_for(engine))
    except IndexMissing as error:
        request_rebuild(error)
        return 0, 0


def remove_pages(page_ids):
    engine = get_engine()
    fallback = fallback_for(engine)
    if fallback is not None:
        mirror(fallback, gone=list(page_ids))
    try:
        delete_documents(engine, page_ids)
    except IndexMissing as error:
        request_rebuild(error)


def request_rebuild(reason):
    """Enqueue a full rebuild unless one is queued or running; return whether this call enqueued it."""
    token = rebuild_lock.claim(reason)
    if token is None:
        logger.info("Search index: a rebuild is already under way (%s)", reason)
        return False
    logger.warning("Search index: a full rebuild is enqueued: %s", reason)
    rebuild_index_task.enqueue(token)
    return True


def rebuild_index(engine=None, progress=None, lease=None):
    """Replace the engine's whole index with every live page; return the pages indexed.

    Where the engine has a second index to fill, readers keep the old one until
    the new one is complete. The database fallback is rebuilt from the same
    documents. Pages changed while the rebuild ran went to the old index (or the
    backlog) and are written again at the end. `progress(done, total)` follows
    the batches; `lease` is the rebuild's claim, kept alive as the batches go.
    """
    engine = engine or get_engine()
    fallback = fallback_for(engine)
    started = timezone.now()
    ids = list(indexable_pages().order_by("pk").values_list("pk", flat=True))
    # The words for "did you mean" come from the pages as they are now.
    forget_all()
    if fallback is not None:
        mirror(fallback, reset=True)
    batches = _batches(ids, fallback, progress, lease)
    try:
        done = engine.rebuild(document for batch in batches for document in batch)
    except EngineUnavailable:
        # The fallback answers while the engine cannot, so it still gets every page.
        for _ in batches:
            pass
        raise
    if keeps_backlog(engine):
        # The rebuild read every page after these failures: replaying them is moot.
        backlog.discard_before(started)
    _catch_up(engine, fallback, ids, started)
    return done


def _batches(ids, fallback, progress, lease):
    done = 0
    for start in range(0, len(ids), BATCH):
        pages = indexable_pages().filter(pk__in=ids[start:start + BATCH])
        documents = [document_for_page(page) for page in pages]
        learn(documents)
        batch = [analyzed(document) for document in documents]
        if fallback is not None:
            mirror(fallback, batch)
        done += len(batch)
        if lease:
            rebuild_lock.extend(lease)
        if progress:
            progress(done, len(ids))
        yield batch


def _catch_up(engine, fallback, ids, started):
    """Write again the pages published, unpublished, moved or deleted since the rebuild read the list."""
    live = set(indexable_pages().values_list("pk", flat=True))
    recent = set(
        indexable_pages().filter(last_published_at__gte=started - CLOCK_MARGIN).values_list("pk", flat=True)
    )
    changed = sorted((live ^ set(ids)) | recent)
    if changed:
        index_pages(changed, engine, fallback)
    if keeps_backlog(engine) and backlog.has_pending():
        backlog.replay(engine)


@task()
def update_pages_task(page_ids):
    update_pages(page_ids)


@task()
def delete_pages_task(page_ids):
    remove_pages(page_ids)


@task()
def replay_backlog_task(attempt=1):
    """Send the waiting index changes again; while any still wait, come back later."""
    engine = get_engine()
    if not keeps_backlog(engine):
        # The engine was switched to one that keeps no backlog.
        return 0
    replayed = 0
    try:
        replayed, _ = backlog.replay(engine)
    except IndexMissing as error:
        request_rebuild(error)
    finally:
        # Even when this attempt failed, the chain must go on while anything waits.
        if backlog.has_pending():
            backlog.schedule_replay(attempt + 1)
    return replayed


@task()
def rebuild_index_task(lease):
    try:
        rebuild_index(lease=lease)
    except Exception as error:
        rebuild_lock.hold_after_failure(lease, error)
        raise
    rebuild_lock.release(lease)


def _enqueue(task_function, page_ids):
    # After commit, so the task sees what the editor's request saved.
    transaction.on_commit(lambda: task_function.enqueue(list(page_ids)))


def _on_change(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, PracticePage):
        _enqueue(update_pages_task, [instance.pk])


def _on_delete(sender, instance, **kwargs):
    _enqueue(delete_pages_task, [instance.pk])


def _on_move(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, PracticePage):
        _enqueue(update_pages_task, [instance.pk])


def connect_signals():
    page_published.connect(_on_change, sender=PracticePage, dispatch_uid="search-published")
    page_unpublished.connect(_on_change, sender=PracticePage, dispatch_uid="search-unpublished")
    post_delete.connect(_on_delete, sender=PracticePage, dispatch_uid="search-deleted")
    post_page_move.connect(_on_move, dispatch_uid="search-moved")
