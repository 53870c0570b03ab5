"""The database engine's in-memory view of its index: cases, languages and facet values as arrays.

A common word matches most pages, so a query may hand tens of thousands of
(page, score) pairs to Python. Grouping them into cases (the translations of
one practice), filtering, counting every facet value and picking one page of
the best cases are then a few array operations (numpy) instead of a loop per
case: about 10 ms for 60,000 matches instead of most of a second.
"""

from dataclasses import dataclass

import numpy as np

from search.analysis.normalize import fold
from search.engines.algorithm import COVERAGE_WEIGHT, OWN_LANGUAGE_BOOST
from search.engines.base import FACETS
from search.engines.base import PAGE_LANGUAGES as LANGUAGES
from search.models import IndexedDocument, IndexedFacet


@dataclass(frozen=True)
class Facet:
    """One facet's (case, value) pairs, each pair once, and the values by code."""

    cases: np.ndarray
    codes: np.ndarray
    values: list
    code_of: dict

    def cases_with(self, value, case_count):
        has = np.zeros(case_count, dtype=bool)
        code = self.code_of.get(value)
        if code is not None:
            has[self.cases[self.codes == code]] = True
        return has

    def counts(self, cases):
        """{value: number of the marked cases having it}, for a boolean array over cases."""
        counted = np.bincount(self.codes[cases[self.cases]], minlength=len(self.values))
        return {self.values[code]: int(counted[code]) for code in np.flatnonzero(counted)}


@dataclass(frozen=True)
class Found:
    """The pages a query matched (as positions in the snapshot) and their cases' scores."""

    positions: np.ndarray
    scores: np.ndarray
    cases: np.ndarray
    # Per case: its best version's score (boosted in the reader's language), -inf if none matched.
    case_score: np.ndarray
    # Per case: whether a version of it has a full-text score (see fulltext.SCORE_ALL_UP_TO).
    case_scored: np.ndarray


@dataclass(frozen=True)
class Snapshot:
    generation: str
    page_ids: np.ndarray
    doc_case: np.ndarray
    doc_language: np.ndarray
    case_keys: list
    case_published: np.ndarray
    facets: dict
    suggestions: list

    @classmethod
    def load(cls, generation):
        rows = IndexedDocument.objects.order_by("page_id").values_list(
            "page_id", "translation_key", "language", "published_at", "suggestions"
        )
        page_ids, doc_case, doc_language, case_keys, case_published = [], [], [], [], []
        case_of, suggestions = {}, set()
        position_of = {}
        for page_id, key, language, published, names in rows.iterator(chunk_size=5000):
            case = case_of.get(key)
            if case is None:
                case = case_of[key] = len(case_keys)
                case_keys.append(key)
                case_published.append(0.0)
            stamp = published.timestamp() if published else 0.0
            case_published[case] = max(case_published[case], stamp)
            position_of[page_id] = len(page_ids)
            page_ids.append(page_id)
            doc_case.append(case)
            doc_language.append(LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES))
            for name in names:
                suggestions.add((fold(name), name, language))
        pairs = {name: set() for name in FACETS}
        for page_id, facet, value in IndexedFacet.objects.values_list("page_id", "facet", "value").iterator(
            chunk_size=20000
        ):
            position = position_of.get(page_id)
            if position is not None and facet in pairs:
                pairs[facet].add((doc_case[position], value))
        return cls(
            generation=generation,
            page_ids=np.array(page_ids, dtype=np.int64),
            doc_case=np.array(doc_case, dtype=np.int64),
            doc_language=np.array(doc_language, dtype=np.int8),
            case_keys=case_keys,
            case_published=np.array(case_published, dtype=np.float64),
            facets={name: _facet(found) for name, found in pairs.items()},
            suggestions=sorted(suggestions),
        )

    @property
    def case_count(self):
        return len(self.case_keys)

    def mask(self, ids):
        """A boolean array over the snapshot's documents, true for the pages `ids`."""
        has = np.zeros(len(self.page_ids), dtype=bool)
        has[self.positions(ids)] = True
        return has

    def positions(self, ids):
        """Where the pages `ids` sit in the snapshot; pages it does not know (indexed since) are left out."""
        at, known = self._locate(ids)
        return at[known]

    def _locate(self, ids):
        """(positions, known): where each id would sit, and whether the snapshot holds it."""
        ids = np.asarray(ids, dtype=np.int64)
        at = np.searchsorted(self.page_ids, ids)
        inside = at < len(self.page_ids)
        known = np.zeros(len(ids), dtype=bool)
        known[inside] = self.page_ids[at[inside]] == ids[inside]
        return at, known

    def ranked(self, positions, coverage, scored, reader_language):
        """`Found` for the matched documents at `positions`.

        `coverage` (per document) is how much of the query each has; `scored` is
        (page id, full-text score) pairs. A page's score is its coverage, which
        ranks first, plus its full-text score, boosted in the reader's language.
        Pages left unscored get only their coverage.
        """
        pairs = np.array(scored, dtype=np.float64).reshape(-1, 2)
        text_score = np.zeros(len(self.page_ids))
        has_score = np.zeros(len(self.page_ids), dtype=bool)
        at, known = self._locate(pairs[:, 0])
        text_score[at[known]] = pairs[known, 1]
        has_score[at[known]] = True
        reader = LANGUAGES.index(reader_language) if reader_language in LANGUAGES else -1
        own = self.doc_language[positions] == reader
        text = np.where(own, text_score[positions] * OWN_LANGUAGE_BOOST, text_score[positions])
        scores = coverage[positions] * COVERAGE_WEIGHT + text
        cases = self.doc_case[positions]
        case_score = np.full(self.case_count, -np.inf)
        np.maximum.at(case_score, cases, scores)
        case_scored = np.zeros(self.case_count, dtype=bool)
        case_scored[cases[has_score[positions]]] = True
        return Found(positions=positions, scores=scores, cases=cases, case_score=case_score, case_scored=case_scored)

    @staticmethod
    def scored_cases(found, kept):
        """How many of the kept cases have a scored version."""
        return int(np.count_nonzero(kept & found.case_scored))

    def cases_marked(self, cases):
        """A boolean array over cases, true for these."""
        marked = np.zeros(self.case_count, dtype=bool)
        marked[cases] = True
        return marked

    def filtered(self, matched, filters):
        """(matched cases passing every filter, facet counts): a facet's counts ignore its own filter.

        `matched` is a boolean array over cases. Counts show what choosing a value would give.
        """
        missing = {
            name: ~self.facets[name].cases_with(value, self.case_count) for name, value in filters.items()
        }
        failing = np.zeros(self.case_count, dtype=np.int8)
        for lacks in missing.values():
            failing += lacks
        kept = matched & (failing == 0)
        counts = {}
        for name in FACETS:
            base = kept if name not in missing else matched & (failing - missing[name] == 0)
            counts[name] = self.facets[name].counts(base)
        return kept, counts

    def best_cases(self, found, kept, start, stop):
        """Cases `start` to `stop` of the kept ones, best score first, newest first on a tie."""
        candidates = np.flatnonzero(kept)
        if start >= len(candidates):
            return np.array([], dtype=np.int64)
        scores = found.case_score[candidates]
        if stop < len(candidates):
            # Only cases scoring at least the stop-th best can be on this page.
            threshold = np.partition(scores, len(candidates) - stop)[len(candidates) - stop]
            candidates = candidates[scores >= threshold]
        order = np.lexsort((-self.case_published[candidates], -found.case_score[candidates]))
        return candidates[order][start:stop]

    def versions(self, found, chosen):
        """(case, [(page id, score, language, translation key), ...]) for the chosen cases, in order."""
        grouped = {int(case): [] for case in chosen}
        for index in np.flatnonzero(np.isin(found.cases, chosen)):
            case = int(found.cases[index])
            position = found.positions[index]
            language = int(self.doc_language[position])
            grouped[case].append((
                int(self.page_ids[position]), float(found.scores[index]),
                LANGUAGES[language] if language < len(LANGUAGES) else "", self.case_keys[case],
            ))
        return list(grouped.items())


def _facet(pairs):
    values = sorted({value for _, value in pairs})
    code_of = {value: code for code, value in enumerate(values)}
    ordered = sorted(pairs)
    return Facet(
        cases=np.array([case for case, _ in ordered], dtype=np.int64),
        codes=np.array([code_of[value] for _, value in ordered], dtype=np.int64),
        values=values,
        code_of=code_of,
    )
