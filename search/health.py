"""Whether the index holds what readers should find: the engines' count against the live pages.

The comparison itself is the engines' shared `health()` (engines/base.py);
this module knows the pages, the backlog and the rebuild under way, which the
engines must not. `search_health` and the /healthz endpoint both ask here.
"""

from dataclasses import dataclass

from search.backlog import pages_waiting
from search.documents import indexable_pages
from search.engines import get_engine
from search.engines.base import Expected
from search.rebuild_lock import under_way
from search.write_policy import fallback_for


@dataclass(frozen=True)
class IndexCheck:
    label: str
    ok: bool
    message: str
    documents: int | None
    expected: Expected


def expected_documents():
    return Expected(pages=indexable_pages().count(), in_flight=pages_waiting(), rebuilding=under_way() is not None)


def index_checks(engine=None, probe_open_breaker=True):
    """An `IndexCheck` for the engine, and one for the database fallback kept beside another engine.

    Without `probe_open_breaker`, an engine whose circuit breaker is open is
    reported failing at once rather than called (a load balancer's probe must
    not wait on a cluster known to be down).
    """
    engine = engine or get_engine()
    expected = expected_documents()
    checks = [_check(engine.name, engine, expected, probe_open_breaker)]
    fallback = fallback_for(engine)
    if fallback is not None:
        checks.append(_check(f"{fallback.name} (fallback)", fallback, expected, probe_open_breaker))
    return checks


def _check(label, engine, expected, probe_open_breaker):
    breaker = getattr(engine, "breaker", None)
    if not probe_open_breaker and breaker is not None and breaker.is_open():
        return IndexCheck(label, False, "failed repeatedly; not called while its breaker is open", None, expected)
    return IndexCheck(label, *engine.health_with_count(expected), expected)


def index_health(engine=None):
    """[(label, ok, message)] for the engine, and for the database fallback kept beside another engine."""
    return [(check.label, check.ok, check.message) for check in index_checks(engine)]
