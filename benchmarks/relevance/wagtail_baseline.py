"""Wagtail's built-in search as it ships: the baseline the portal's search is measured against.

The admin's backend (portal/admin_search.py) writes the portal's analysed terms
into the index tables it shares with Wagtail's database backend, so the
baseline first writes Wagtail's own terms for the practices. In a database that
is kept (the demo content), that happens inside a transaction rolled back
afterwards, and the admin's index is left as it was.
"""

import itertools
from contextlib import contextmanager

from django.db import transaction
from modelsearch.backends import get_search_backend

from practices.models import PracticePage

STOCK_BACKEND = "modelsearch.backends.database"
BATCH = 1000


def index_as_shipped(pages):
    """Write Wagtail's stock index entries for these practice pages."""
    index = get_search_backend(STOCK_BACKEND).get_index_for_model(PracticePage)
    pages = pages.iterator(chunk_size=BATCH)
    while batch := list(itertools.islice(pages, BATCH)):
        index.add_items(PracticePage, batch)


@contextmanager
def stock_wagtail_search():
    """Within the block, Wagtail's stock backend (STOCK_BACKEND) finds the live practices as shipped."""
    with transaction.atomic():
        index_as_shipped(PracticePage.objects.live())
        yield STOCK_BACKEND
        transaction.set_rollback(True)
