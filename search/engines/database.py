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

import numpy as np
from django.db import connection, transaction

from search.analysis.normalize import fold_keyboard, normalize
from search.document_analysis import analyzed
from search.engines.base import (
    FACET_FIELDS,
    FACETS,
    BaseEngine,
    EngineUnavailable,
    Hit,
    IndexReport,
    SearchResults,
)
from search.engines.fulltext import index_for_connection, language_term
from search.engines.snapshot import Snapshot
from search.models import IndexedDocument, IndexedFacet, IndexState
from search.snippets import highlight

_cache_lock = threading.Lock()
_caches = {}
# Fields whose terms get the page's language glued in front (fulltext.language_term).
OWN_LANGUAGE_FIELDS = ("title", "summary", "body", "keywords")
# Documents written per transaction during a rebuild.
REBUILD_BATCH = 200


def _fold(text):
    return fold_keyboard(normalize(text))


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
            fulltext = index_for_connection()
            if not query.analyzed:
                return SearchResults.empty(self.name)
            snapshot = self._snapshot()
            matches = fulltext.matches(query.analyzed)
            relaxed = False
            if not matches and len(query.analyzed.groups) > 1:
                # Nothing has every word: show what has some of them, most words first
                # (BM25 ranks a page matching more words higher), and say so.
                matches = fulltext.matches(query.analyzed, any_word=True)
                relaxed = bool(matches)
            filters = {name: str(value) for name, value in query.filters.items() if name in FACETS and value}
            found = snapshot.matching(matches, query.language)
            kept, facet_counts = snapshot.filtered(found, filters)
            start = (query.page - 1) * query.per_page
            if not matches.complete and snapshot.scored_cases(found, kept) < start + query.per_page:
                # Filters or a far page reach past the scored matches: score them all.
                found = snapshot.matching(fulltext.scored_all(query.analyzed, any_word=relaxed), query.language)
        except EngineUnavailable:
            raise
        except Exception as error:  # a missing table or a broken connection
            raise EngineUnavailable(str(error)) from error
        chosen = snapshot.best_cases(found, kept, start, start + query.per_page)
        page = [self._hit(versions, found.case_score[case], query.language)
                for case, versions in snapshot.versions(found, chosen)]
        return SearchResults(
            hits=self._with_snippets(page, query), total=int(np.count_nonzero(kept)), facets=facet_counts,
            engine=self.name, relaxed=relaxed,
        )

    @staticmethod
    def _hit(versions, score, reader_language):
        """The case's hit: its reader-language version when that matched, else its best match."""
        versions.sort(key=lambda v: (v[2] != reader_language, -v[1]))
        best_id, _, best_language, translation_key = versions[0]
        return Hit(
            page_id=best_id, translation_key=translation_key, language=best_language, score=float(score),
            translations=tuple(page_id for page_id, _, _, _ in versions[1:]),
        )

    @staticmethod
    def _with_snippets(hits, query):
        if not hits:
            return []
        texts = IndexedDocument.objects.in_bulk([hit.page_id for hit in hits])
        terms = query.analyzed.terms
        result = []
        for hit in hits:
            doc = texts[hit.page_id]
            snippet = highlight(doc.summary, terms, hit.language)
            if "<mark>" not in snippet:
                body = highlight(doc.body, terms, hit.language)
                snippet = body if "<mark>" in body else snippet
            result.append(Hit(**{**hit.__dict__, "snippet": snippet}))
        return result

    def autocomplete(self, prefix, language, limit=8):
        folded = _fold(prefix).strip()
        if len(folded) < 2:
            return []
        found = [
            (entry_language != language, name)
            for key, name, entry_language in self._snapshot().suggestions
            if key.startswith(folded) or f" {folded}" in key
        ]
        return list(dict.fromkeys(name for _, name in sorted(found)))[:limit]

    def index_report(self):
        try:
            ready = index_for_connection().ready()
            count = IndexedDocument.objects.count()
        except Exception as error:
            raise EngineUnavailable(f"database error: {error}") from error
        if not ready:
            raise EngineUnavailable("the full-text table is missing: run migrate")
        return IndexReport(documents=count, description=f"{count} documents in the database index ({connection.vendor})")
