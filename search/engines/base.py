"""The one small interface every search engine implements, and the plain data it speaks.

Engines receive `SearchDocument`s (search/documents.py) and a `SearchQuery`,
and answer with `SearchResults`: page ids, scores, snippets, facet counts and
a total. They never see pages or requests, so both engines can be held to the
same contract (tests/search/engines/contract.py).
"""

from dataclasses import dataclass, field

from search.analysis import AnalyzedQuery
from search.analysis.language import SUPPORTED

# The languages pages are written in; the reader's language is one of them.
PAGE_LANGUAGES = SUPPORTED
FACETS = ("oblast", "rayon", "municipality", "settlement", "service", "funding", "group", "status", "year")
# Which document field each facet filters on.
FACET_FIELDS = {
    "oblast": "oblasts",
    "rayon": "rayons",
    "municipality": "municipalities",
    "settlement": "settlements",
    "service": "services",
    "funding": "funding",
    "group": "groups",
    "status": "status",
    "year": "years",
}


@dataclass(frozen=True)
class SearchQuery:
    text: str
    analyzed: AnalyzedQuery
    # The reader's language: their versions come first and stand for the case.
    language: str = "ky"
    filters: dict = field(default_factory=dict)
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class Hit:
    page_id: int
    translation_key: str
    language: str
    score: float
    # HTML with matched words in <mark>; everything else escaped.
    snippet: str = ""
    # Other languages' versions of the same case that also matched.
    translations: tuple[int, ...] = ()


@dataclass(frozen=True)
class SearchResults:
    hits: list
    total: int
    facets: dict = field(default_factory=dict)
    suggestion: str = ""
    engine: str = ""
    # True when no page had every word and these pages have only some of them.
    relaxed: bool = False

    @classmethod
    def empty(cls, engine=""):
        return cls(hits=[], total=0, facets={}, suggestion="", engine=engine)


class EngineUnavailable(Exception):
    """The engine cannot answer now (a cluster down, a table missing).

    From a write, `stale_pages` names other pages the failed write may have
    left out of step (translations of the pages written, when their shared
    record was read but not written back): indexing them again mends them.
    """

    def __init__(self, message="", stale_pages=()):
        super().__init__(message)
        self.stale_pages = tuple(stale_pages)


class IndexMissing(EngineUnavailable):
    """The engine answers but its index is gone, as on a node that came back without its data.

    Writing one page would make an index of one page, so writers keep the
    change in the backlog and a full rebuild is asked for instead.
    """


@dataclass(frozen=True)
class IndexReport:
    """What an engine says about its index: page documents held, a line for operators, and any problem."""

    documents: int
    description: str
    problem: str = ""


@dataclass(frozen=True)
class Expected:
    """What the index should hold: one document per live indexable page.

    `in_flight` counts pages whose change has not reached the index yet (the
    backlog), so the index may be off by that many without being wrong.
    """

    pages: int
    in_flight: int = 0
    rebuilding: bool = False


REBUILD_ADVICE = "run rebuild_search_index"
REBUILDING = "a rebuild is under way"


class BaseEngine:
    name = "base"

    def __init__(self, config):
        self.config = config

    def index(self, documents):
        """Add or replace these documents (`AnalyzedDocument`s, or `SearchDocument`s to analyse); return how many.

        Raises `EngineUnavailable` when the engine cannot take them and `IndexMissing`
        when its index is gone; what then is search/write_policy.py's business.
        """
        raise NotImplementedError

    def delete(self, page_ids):
        """Remove the documents of these pages, if present; raises as `index` does."""
        raise NotImplementedError

    def rebuild(self, documents):
        """Replace the whole index with `documents` (any iterable, read once); return how many were indexed."""
        raise NotImplementedError

    def search(self, query):
        """Return `SearchResults` for a `SearchQuery`: `algorithm.run(self, query)`, with the
        engine's own failures turned into `EngineUnavailable`."""
        raise NotImplementedError

    # The dialect algorithm.run speaks to: the policy is there, only matching, counting and
    # fetching are here.

    def find(self, query, plan):
        """The cases matching an `algorithm.MatchPlan` within the query's filters: an object with
        `total` and `facets`, and whatever `page` needs to rank them."""
        raise NotImplementedError

    def page(self, found, query):
        """The `algorithm.Version`s of the query's page of `found`, best first."""
        raise NotImplementedError

    def autocomplete(self, prefix, language, limit=8):
        """Titles and municipality names starting with what the reader typed."""
        raise NotImplementedError

    def reset(self):
        """Drop every document (and recreate empty storage)."""
        raise NotImplementedError

    def index_report(self):
        """An `IndexReport`; raises `IndexMissing` when the index is gone, `EngineUnavailable` when unreachable."""
        raise NotImplementedError

    def health(self, expected=None):
        """(ok, message): see `health_with_count`."""
        ok, message, _ = self.health_with_count(expected)
        return ok, message

    def health_with_count(self, expected=None):
        """(ok, message, page documents or None) for `search_health` and /healthz: the index is there and holds what it should.

        With `expected` (an `Expected`), an index holding fewer page documents
        than there are live pages has lost some, and one holding more keeps
        pages readers should no longer find; either is not ok, beyond the
        changes still in flight. The message says what to do.
        """
        advice = REBUILDING if expected and expected.rebuilding else REBUILD_ADVICE
        try:
            report = self.index_report()
        except IndexMissing as error:
            return False, f"{error}: {advice}", None
        except EngineUnavailable as error:
            return False, str(error), None
        if report.problem:
            return False, f"{report.description}; {report.problem}: {advice}", report.documents
        if expected is None:
            return True, report.description, report.documents
        message = f"{report.description}; {expected.pages} live pages"
        if expected.in_flight:
            message += f", {expected.in_flight} in flight (manage.py search_backlog)"
        missing = expected.pages - report.documents
        if abs(missing) > expected.in_flight:
            gap = f"{missing} pages missing" if missing > 0 else f"{-missing} stale pages"
            return False, f"{message}; {gap}: {advice}", report.documents
        if expected.rebuilding:
            message += f"; {REBUILDING}"
        return True, message, report.documents
