"""The one small interface every search engine implements, and the plain data it speaks.

Engines receive `SearchDocument`s (search/documents.py) and a `SearchQuery`,
and answer with `SearchResults`: page ids, scores, snippets, facet counts and
a total. They never see pages or requests, so both engines can be held to the
same contract (tests/search/engines/contract.py).
"""

from dataclasses import dataclass, field

from search.analysis import AnalyzedQuery

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
    """The engine cannot answer now (a cluster down, a table missing)."""


class BaseEngine:
    name = "base"

    def __init__(self, config):
        self.config = config

    def index(self, documents):
        """Add or replace these documents."""
        raise NotImplementedError

    def delete(self, page_ids):
        """Remove the documents of these pages, if present."""
        raise NotImplementedError

    def search(self, query):
        """Return `SearchResults` for a `SearchQuery`."""
        raise NotImplementedError

    def autocomplete(self, prefix, language, limit=8):
        """Titles and municipality names starting with what the reader typed."""
        raise NotImplementedError

    def reset(self):
        """Drop every document (and recreate empty storage)."""
        raise NotImplementedError

    def health(self):
        """(ok, message) for the `search_health` command and system checks."""
        raise NotImplementedError
