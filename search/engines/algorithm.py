"""The search algorithm, written once; each engine is a dialect that matches, counts and fetches.

    analysis (search/query.py) → matching policy (`MatchPlan`) → the dialect finds
    the cases within the filters, scored and counted → relaxing when nothing has
    enough words → one page of hits → snippets (search/snippets.py)

The matching policy, for a query of n groups (a word, a quoted phrase, or the
words of one synonym):

- quoted phrases are required and stay exact;
- with three or more groups a case may miss one of them (two from six on), so a
  reader's fourth word, which the best case words differently, does not lose it;
- when that finds less than a page of cases, cases with half the groups (one of
  two) follow them: a reader who typed five words sees the case that shares
  three, rather than a page of two results;
- the decision comes after the filters, so a filtered search widens and relaxes
  within them; when nothing has enough groups, cases with any one group are
  shown, and the results say so (`relaxed`).

Ranking is coverage first, then the engine's BM25 (title > summary > places >
body): every group a page matches adds `COVERAGE_WEIGHT` to its score, so a case
with more of the query's words always ranks above one with fewer. A group
matched only through weak alternatives adds a share of it (`WEAK_SHARE`): a
translation from the bilingual lexicon rather than the reader's own word, or a
word found only inside a compound place name (the «суу» of Кара-Суу) rather
than in the text.
"""

import itertools
from dataclasses import dataclass

from search.document_analysis import WHOLE_PLACE
from search.engines.base import Hit, SearchResults
from search.snippets import highlight

COVERAGE_WEIGHT = 1000.0
# A page in the reader's language scores this much more: readers read their own
# language first, but a better match in another still shows.
OWN_LANGUAGE_BOOST = 1.3
WEAK_SHARE = 0.8
# Up to this many groups, "at least m of n" is spelt out as the alternatives' combinations.
MAX_SPELT_GROUPS = 8
# Fewer cases than this (a page) with enough groups: those with half of them are found too.
FILL_UP_TO = 10


def in_places(alternatives, whole=False):
    """The alternatives as place terms; with `whole`, a single word must be a whole word of a name."""
    found = [
        (WHOLE_PLACE + terms[0],) if whole and len(terms) == 1 else terms for terms, _ in alternatives
    ]
    return list(dict.fromkeys(found))


def allowed_missing(groups):
    """How many of a query's groups a case may lack and still be found before relaxing."""
    if groups >= 6:
        return 2
    if groups >= 3:
        return 1
    return 0


@dataclass(frozen=True)
class Alternatives:
    """One group's alternatives split by strength, each as (terms, page languages)."""

    own: tuple
    lexical: tuple


def split_alternatives(group):
    """The reader's own alternatives of a group, and those the bilingual lexicon added."""
    flags = tuple(getattr(group, "lexical", ()) or ()) or (False,) * len(group.alternatives)
    own, lexical = [], []
    for terms, languages, flag in zip(group.alternatives, group.languages, flags, strict=True):
        (lexical if flag else own).append((terms, languages))
    return Alternatives(tuple(own), tuple(lexical))


@dataclass(frozen=True)
class MatchPlan:
    """What a page must match: which groups, how many of them, and which are required."""

    groups: tuple
    required: frozenset
    minimum: int
    relaxed: bool = False

    @classmethod
    def for_query(cls, analyzed):
        groups = tuple(analyzed.groups)
        required = frozenset(index for index, group in enumerate(groups) if group.quoted)
        minimum = max(len(groups) - allowed_missing(len(groups)), len(required))
        return cls(groups, required, minimum)

    @property
    def every_group(self):
        return self.minimum >= len(self.groups)

    @property
    def can_relax(self):
        return not self.relaxed and len(self.groups) > 1

    def widen(self):
        """Half the groups (rounded up) are enough, or None when that is no wider.

        With two groups that is one of them: the page fills up with cases
        having either word, below those having both.
        """
        if self.relaxed or len(self.groups) < 2:
            return None
        minimum = max((len(self.groups) + 1) // 2, len(self.required), 1)
        if minimum >= self.minimum:
            return None
        return MatchPlan(self.groups, self.required, minimum)

    def relax(self):
        """Any one group is enough; quoted phrases become optional too."""
        return MatchPlan(self.groups, frozenset(), 1, relaxed=True)

    @property
    def optional(self):
        return [index for index in range(len(self.groups)) if index not in self.required]

    def combinations(self):
        """The sets of group indexes of which a match must hold one, spelt out.

        None when there are too many to spell out; the engine then matches any
        group and keeps those with enough (the coverage tells).
        """
        if self.every_group:
            return [tuple(range(len(self.groups)))]
        if len(self.groups) > MAX_SPELT_GROUPS:
            return None
        needed = self.minimum - len(self.required)
        return [
            tuple(sorted(self.required | set(chosen)))
            for chosen in itertools.combinations(self.optional, needed)
        ]

    def blocks(self):
        """Sets of group indexes of which a match must hold at least one: a cheap superset of the plan.

        A case may lack k of the optional groups; any k + 1 of them cannot all
        be missing, so disjoint blocks of k + 1 each hold one, and every
        required group is a block of its own. Too many groups to spell out the
        combinations are still few enough for this, and the blocks together
        narrow a long query's matches to the few pages worth counting.
        """
        optional = self.optional
        size = len(optional) - (self.minimum - len(self.required)) + 1
        chunks = [tuple(optional[start:start + size]) for start in range(0, len(optional) - size + 1, size)]
        return [(index,) for index in sorted(self.required)] + chunks

    def alternatives(self):
        return [split_alternatives(group) for group in self.groups]


@dataclass(frozen=True)
class Version:
    """One language version of a case on the page of results, with its original text for the snippet."""

    page_id: int
    translation_key: str
    language: str
    score: float
    summary: str
    body: str
    translations: tuple = ()


def snippet(summary, body, terms, language):
    """The summary with the query's words marked, or the body's best passage when the summary has none."""
    marked = highlight(summary, terms, language)
    if "<mark>" in marked:
        return marked
    from_body = highlight(body, terms, language)
    return from_body if "<mark>" in from_body else marked


def run(dialect, query):
    """`SearchResults` for `query` from an engine dialect.

    The dialect answers `find(query, plan)` with an object having `total` and
    `facets`, and `page(found, query)` with the page's `Version`s in order.
    """
    if not query.analyzed:
        return SearchResults.empty(dialect.name)
    plan = MatchPlan.for_query(query.analyzed)
    found = dialect.find(query, plan)
    # Relaxed: no case has enough of the words; the results say so.
    relaxed = False
    wider = plan.widen()
    if found.total < FILL_UP_TO and wider is not None:
        more = dialect.find(query, wider)
        if more.total > found.total:
            found, relaxed = more, found.total == 0
    if found.total == 0 and plan.can_relax:
        loose = dialect.find(query, plan.relax())
        if loose.total:
            found, relaxed = loose, True
    terms = query.analyzed.terms
    hits = [
        Hit(
            page_id=version.page_id, translation_key=version.translation_key, language=version.language,
            score=version.score, snippet=snippet(version.summary, version.body, terms, version.language),
            translations=version.translations,
        )
        for version in dialect.page(found, query)
    ]
    return SearchResults(
        hits=hits, total=found.total, facets=found.facets, engine=dialect.name, relaxed=relaxed,
    )


def completion_key(fold, prefix):
    """What a prefix is matched as, or "" when it is too short to offer anything."""
    folded = fold(prefix).strip()
    return folded if len(folded) >= 2 else ""


def name_matches(folded_prefix, folded_name):
    """Whether a word of the name starts with what the reader typed."""
    return folded_name.startswith(folded_prefix) or f" {folded_prefix}" in folded_name


def completions(found, limit):
    """Names from (in another language, name) pairs: the reader's language first, then by name, each once."""
    return list(dict.fromkeys(name for _, name in sorted(found)))[:limit]
