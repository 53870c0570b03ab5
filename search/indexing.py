"""Keeping the index in step with published content.

Editors save drafts all day, but readers see only published pages, so we
index on page_published and page_unpublished, not post_save. The work runs as
a task, not in the editor's request; with the immediate backend it runs at once.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django_tasks import task
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import PracticePage
from search.documents import document_for_page, indexable_pages
from search.engines import get_engine
from search.suggest import learn

logger = logging.getLogger(__name__)


def index_pages(page_ids, engine=None):
    """Index the live ones among these pages and drop the rest from the index."""
    engine = engine or get_engine()
    page_ids = list(page_ids)
    pages = list(indexable_pages().filter(pk__in=page_ids))
    documents = [document_for_page(page) for page in pages]
    engine.index(documents)
    learn(documents)
    gone = set(page_ids) - {page.pk for page in pages}
    if gone:
        engine.delete(sorted(gone))
    return len(pages), len(gone)


@task()
def update_pages_task(page_ids):
    index_pages(page_ids)


@task()
def delete_pages_task(page_ids):
    get_engine().delete(page_ids)


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
