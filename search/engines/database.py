"""The default engine: full text in the portal's own database, no server needed.

SQLite FTS5 locally, a tsvector with a GIN index on PostgreSQL (fulltext.py).
Matching and scoring happen in the database; filters, grouping of translations,
facet counts and picking the best cases happen over arrays (snapshot.py): a
per-process copy of every document's case and facet values that reloads when
the index changes.

Wagtail's own database backend is not reused: it probes the full-text table
once per row and again per match for ranking (seconds per query at 10k pages),
and it cannot take terms analysed in Python.
"""

import itertools
import threading
import uuid
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction

from search.analysis.normalize import fold
from search.document_analysis import analyzed
from search.engines import algorithm
from search.engines import fulltext as fulltext_module
from search.engines.base import (
    FACET_FIELDS,
    FACETS,
    BaseEngine,
    EngineUnavailable,
    Hit,
    IndexReport,
)
from search.engines.fulltext import index_for_connection, language_term
from search.engines.snapshot import Snapshot
from search.models import IndexedDocument, IndexedFacet, IndexState

_cache_lock = threading.Lock()
_caches = {}
# Fields whose terms get the page's language glued in front (fulltext.language_term).
OWN_LANGUAGE_FIELDS = ("title", "summary", "body", "keywords")
# Documents written per transaction during a rebuild.
REBUILD_BATCH = 200


class Engine(BaseEngine):
    name = "database"

    def __init__(self, config):
        super().__init__(config)
        self.state_key = f"{config.get('INDEX_PREFIX', 'portal')}:database"

    # Writing -----------------------------------------------------------------

    def index(self, documents):
        documents = [analyzed(document) for document in documents]
        if not documents:
            return 0
        fulltext = index_for_connection()
        rows, facet_rows, fulltext_rows = [], [], []
        for analyzed_document in documents:
            doc = analyzed_document.document
            terms = {
                name: " ".join(language_term(doc.language, term) for term in getattr(analyzed_document.terms, name))
                for name in OWN_LANGUAGE_FIELDS
            }
            # Place names are matched in every language, so their terms go in bare.
            terms["places"] = " ".join(analyzed_document.terms.places)
            rows.append(
                IndexedDocument(
                    page_id=doc.page_id, translation_key=doc.translation_key, language=doc.language,
                    title=doc.title, summary=doc.summary, body=doc.body,
                    title_terms=terms["title"], summary_terms=terms["summary"],
                    body_terms=terms["body"], keywords_terms=terms["keywords"],
                    places_terms=terms["places"],
                    published_at=doc.published_at, suggestions=list(doc.suggestions),
                )
            )
            for facet, field in FACET_FIELDS.items():
                values = getattr(doc, field)
                values = (values,) if isinstance(values, str) else values
                facet_rows.extend(
                    IndexedFacet(page_id=doc.page_id, facet=facet, value=str(value)) for value in values if value
                )
            fulltext_rows.append(
                (doc.page_id, doc.language, terms["title"], terms["summary"], terms["body"],
                 terms["keywords"], terms["places"])
            )
        ids = [analyzed_document.page_id for analyzed_document in documents]
        with transaction.atomic():
            IndexedFacet.objects.filter(page_id__in=ids).delete()
            IndexedDocument.objects.filter(page_id__in=ids).delete()
            IndexedDocument.objects.bulk_create(rows, batch_size=500)
            IndexedFacet.objects.bulk_create(facet_rows, batch_size=2000)
            fulltext.write(fulltext_rows)
            self._bump()
        return len(documents)

    def delete(self, page_ids):
        page_ids = list(page_ids)
        with transaction.atomic():
            IndexedDocument.objects.filter(page_id__in=page_ids).delete()
            index_for_connection().delete(page_ids)
            self._bump()

    def reset(self):
        with transaction.atomic():
            IndexedFacet.objects.all().delete()
            IndexedDocument.objects.all().delete()
            index_for_connection().reset()
            self._bump()

    def rebuild(self, documents):
        """Empty the index, then fill it with `documents` (any iterable), a batch per transaction.

        There is no second index to fill while readers use the first: readers see
        the index fill up batch by batch. One transaction for the whole rebuild
        would hide that, but would hold other writers (an editor publishing) off
        the database for as long as it runs.
        """
        self.reset()
        documents = iter(documents)
        done = 0
        while batch := list(itertools.islice(documents, REBUILD_BATCH)):
            done += self.index(batch)
        return done

    def _bump(self):
        IndexState.objects.update_or_create(key=self.state_key, defaults={"generation": uuid.uuid4().hex})

    # Reading -----------------------------------------------------------------

    def _generation(self):
        state = IndexState.objects.filter(key=self.state_key).values_list("generation", flat=True).first()
        return state or ""

    def _snapshot(self):
        """Every document's case and language, every case's facet values, and suggestions, as arrays.

        Reloaded when the index changed. Facets are merged per case (all
        translations of a practice), so a query only counts prepared arrays.
        """
        cache_key = (connection.alias, connection.settings_dict.get("NAME"), self.state_key)
        generation = self._generation()
        cached = _caches.get(cache_key)
        if cached and cached.generation == generation:
            return cached
        with _cache_lock:
            cached = Snapshot.load(generation)
            _caches[cache_key] = cached
        return cached

    def search(self, query):
        try:
            return algorithm.run(self, query)
        except EngineUnavailable:
            raise
        except Exception as error:  # a missing table or a broken connection
            raise EngineUnavailable(str(error)) from error

    def find(self, query, plan):
        """The matching cases within the filters, their facet counts, and what ranking them needs.

        Weak alternatives (translations, parts of place names) are rare, so one
        cheap match first tells whether any page holds one; without them the
        strong alternatives alone find the same pages, faster. Ranking is
        coverage first, so when enough kept cases have every group strongly to
        fill the pages up to the one asked for, only those are scored, and the
        other pages' exact coverage is never needed.
        """
        fulltext = index_for_connection()
        snapshot = self._snapshot()
        expressions = _Expressions(fulltext.dialect_for(plan), plan)
        filters = {name: str(value) for name, value in query.filters.items() if name in FACETS and value}
        groups = len(plan.groups)
        weak = [expression for expression in expressions.weak if expression]
        weak_ids = fulltext.ids(expressions.dialect.any_of(weak)) if weak else np.empty(0, dtype=np.int64)
        if not len(weak_ids):
            expressions.drop_weak()
        size = len(snapshot.page_ids)
        exact = True
        if groups == 1:
            # Its strong pages and its weak ones are the two matches there are.
            strong = expressions.strong[0]
            has_strong = snapshot.mask(fulltext.ids(strong)) if strong else np.zeros(size, dtype=bool)
            has_weak = snapshot.mask(weak_ids)
            coverage = np.where(has_strong, 1.0, np.where(has_weak, algorithm.WEAK_SHARE, 0.0))
            positions = np.flatnonzero(has_strong | has_weak)
        elif plan.combinations() is None:
            positions, coverage = _coverage(fulltext, snapshot, plan, expressions)
        else:
            positions = snapshot.positions(fulltext.ids(expressions.matching()))
            coverage = np.zeros(size)
            coverage[positions] = groups
            if len(weak_ids) or not plan.every_group:
                # Which pages have every group strongly is one match more; the others' exact
                # coverage waits until a page of results reaches them.
                coverage[positions] = groups - 1
                strong = expressions.all_strong()
                if strong:
                    coverage[snapshot.positions(fulltext.ids(strong))] = groups
                exact = False
        positions = np.sort(positions)
        cases = snapshot.doc_case[positions]
        kept, facets = snapshot.filtered(snapshot.cases_marked(cases), filters)
        expression = expressions.matching()
        top = coverage[positions] >= groups
        top_cases = snapshot.cases_marked(cases[top])
        if np.count_nonzero(kept & top_cases) >= query.page * query.per_page and expressions.all_strong():
            # Every case on the pages up to this one has all the groups strongly: score only those.
            expression, positions = expressions.all_strong(), positions[top]
        elif not exact:
            positions, coverage = _coverage(fulltext, snapshot, plan, expressions)
            positions = np.sort(positions)
        complete = fulltext.scores_every_match or len(positions) <= fulltext_module.SCORE_ALL_UP_TO
        title = "" if complete else expressions.in_title()
        complete = complete or not title
        found = snapshot.ranked(positions, coverage, fulltext.scored(expression, title), query.language)
        return _Found(
            total=int(np.count_nonzero(kept)), facets=facets, kept=kept, ranked=found, coverage=coverage,
            complete=complete, expression=expression,
        )

    def page(self, found, query):
        fulltext = index_for_connection()
        snapshot = self._snapshot()
        start = (query.page - 1) * query.per_page
        stop = start + query.per_page
        ranked = found.ranked
        if not found.complete and snapshot.scored_cases(ranked, found.kept) < stop:
            # Filters or a far page reach past the scored matches: score them all.
            ranked = snapshot.ranked(ranked.positions, found.coverage, fulltext.scored(found.expression),
                                     query.language)
        chosen = snapshot.best_cases(ranked, found.kept, start, stop)
        hits = [self._hit(versions, ranked.case_score[case], query.language)
                for case, versions in snapshot.versions(ranked, chosen)]
        texts = IndexedDocument.objects.in_bulk([hit.page_id for hit in hits])
        return [
            algorithm.Version(
                page_id=hit.page_id, translation_key=hit.translation_key, language=hit.language, score=hit.score,
                summary=texts[hit.page_id].summary, body=texts[hit.page_id].body, translations=hit.translations,
            )
            for hit in hits if hit.page_id in texts
        ]

    @staticmethod
    def _hit(versions, score, reader_language):
        """The case's hit: its reader-language version when that matched, else its best match."""
        versions.sort(key=lambda v: (v[2] != reader_language, -v[1]))
        best_id, _, best_language, translation_key = versions[0]
        return Hit(
            page_id=best_id, translation_key=translation_key, language=best_language, score=float(score),
            translations=tuple(page_id for page_id, _, _, _ in versions[1:]),
        )

    def autocomplete(self, prefix, language, limit=8):
        folded = algorithm.completion_key(fold, prefix)
        if not folded:
            return []
        found = [
            (entry_language != language, name)
            for key, name, entry_language in self._snapshot().suggestions
            if algorithm.name_matches(folded, key)
        ]
        return algorithm.completions(found, limit)

    def index_report(self):
        try:
            ready = index_for_connection().ready()
            count = IndexedDocument.objects.count()
        except Exception as error:
            raise EngineUnavailable(f"database error: {error}") from error
        if not ready:
            raise EngineUnavailable("the full-text table is missing: run migrate")
        return IndexReport(documents=count, description=f"{count} documents in the database index ({connection.vendor})")


@dataclass(frozen=True)
class _Found:
    total: int
    facets: dict
    kept: np.ndarray
    ranked: object
    coverage: np.ndarray
    complete: bool
    expression: str


class _Expressions:
    """A plan's match expressions in one dialect: per group its strong and weak alternatives."""

    def __init__(self, dialect, plan):
        self.dialect = dialect
        self.plan = plan
        self.strong, self.weak, self.either = [], [], []
        for alternatives in plan.alternatives():
            own, lexical = alternatives.own, alternatives.lexical
            # Strong: the reader's own words in the text or as whole words of a place name.
            strong = dialect.alternatives(own, places="whole") if own else ""
            # Weak: the lexicon's translations anywhere, the own words inside compound place names.
            weak = [dialect.alternatives(lexical)] if lexical else []
            if own:
                weak.append(dialect.alternatives(own, text=False))
            weak = dialect.any_of(weak) if weak else ""
            self.strong.append(strong)
            self.weak.append(weak)
            self.either.append(dialect.any_of([e for e in (strong, weak) if e]))

    def matching(self):
        """Pages with enough groups: "at least m of n" spelt out, or the plan's blocks when that is too long."""
        combinations = self.plan.combinations()
        if combinations is None:
            return self.candidates()
        return self.dialect.any_of([self.dialect.all_of([self.either[i] for i in chosen]) for chosen in combinations])

    def candidates(self):
        """Pages holding one group of each of the plan's blocks: every page with enough groups, and a few more."""
        return self.dialect.all_of([self.dialect.any_of([self.either[i] for i in block]) for block in self.plan.blocks()])

    def drop_weak(self):
        if all(self.strong):
            self.weak = ["" for _ in self.weak]
            self.either = list(self.strong)

    def all_strong(self):
        """Pages with every group strongly, or "" when a group has nothing strong."""
        if not all(self.strong):
            return ""
        return self.dialect.all_of(self.strong)

    def in_title(self):
        alternatives = [a for group in self.plan.alternatives() for a in (*group.own, *group.lexical)]
        return self.dialect.in_title(alternatives)


def _coverage(fulltext, snapshot, plan, expressions):
    """(positions of the pages with enough of the plan's groups, each document's coverage).

    One match per group and strength; the arrays add them up.
    """
    size = len(snapshot.page_ids)
    nothing = np.zeros(size, dtype=bool)
    coverage = np.zeros(size)
    groups_found = np.zeros(size, dtype=np.int16)
    required = np.ones(size, dtype=bool)
    for index, (strong, weak) in enumerate(zip(expressions.strong, expressions.weak, strict=True)):
        has_strong = snapshot.mask(fulltext.ids(strong)) if strong else nothing
        has_weak = snapshot.mask(fulltext.ids(weak)) if weak else nothing
        has_any = has_strong | has_weak
        coverage += has_strong + algorithm.WEAK_SHARE * (has_weak & ~has_strong)
        groups_found += has_any
        if index in plan.required:
            required &= has_any
    return np.flatnonzero((groups_found >= plan.minimum) & required), coverage
