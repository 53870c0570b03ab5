"""Whether the index holds what readers should find: the engines' count against the live pages.

The comparison itself is the engines' shared `health()` (engines/base.py);
this module knows the pages, the backlog and the rebuild under way, which the
engines must not.
"""

from search.backlog import pages_waiting
from search.documents import indexable_pages
from search.engines import fallback_for, get_engine
from search.engines.base import Expected
from search.rebuild_lock import under_way


def expected_documents():
    return Expected(pages=indexable_pages().count(), in_flight=pages_waiting(), rebuilding=under_way() is not None)


def index_health(engine=None):
    """[(label, ok, message)] for the engine, and for the database fallback kept beside another engine."""
    engine = engine or get_engine()
    expected = expected_documents()
    checked = [(engine.name, *engine.health(expected))]
    fallback = fallback_for(engine)
    if fallback is not None:
        checked.append((f"{fallback.name} (fallback)", *fallback.health(expected)))
    return checked
