"""The Elasticsearch engine, for when the portal outgrows its database's full-text search.

It answers exactly as the database engine does: text is analysed in Python
(search/analysis), the query mirrors fulltext.py (elastic_query.py) and
snippets come from search/snippets.py. Index layout, alias and mapping are in
elastic_index.py.

Configured by `PORTAL_SEARCH = {"ENGINE": "search.engines.elastic",
"INDEX_PREFIX": ..., "URL": ...}`; the URL may also come from ELASTICSEARCH_URL.
Optional keys: "TIMEOUT" (seconds a reader's search may take, default 2) and
"REPLICAS" (replicas of the index, default 0 for a single node).

When the cluster fails, `search()` raises `EngineUnavailable` and
search/service.py answers from the database; a failed write is kept in
search/backlog.py and replayed later.
"""

import contextlib
import logging
import os
import threading

from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search import backlog
from search.engines.base import BaseEngine, EngineUnavailable, Hit, SearchResults
from search.engines.elastic_index import (
    alias_name,
    create_index,
    fold,
    names_matching,
    new_index_name,
    source_for,
    versioned_pattern,
)
from search.engines.elastic_query import (
    case_versions,
    completion_request,
    facet_counts,
    matched_any,
    search_request,
    total_cases,
    versions_request,
)
from search.snippets import highlight

logger = logging.getLogger(__name__)

FAILURES = (ApiError, TransportError, BulkIndexError, EngineUnavailable)
# A reader waits for a search; better the database's answer than a hanging page.
SEARCH_TIMEOUT = 2
# Writes run in tasks and may wait longer, and retry once after a timeout.
WRITE_TIMEOUT = 10
BULK_CHUNK = 200
# Operations replayed after a successful write; the command replays the rest.
REPLAY_AFTER_WRITE = 100

_clients = {}
_clients_lock = threading.Lock()


def _shared_client(url):
    """One client (and connection pool) per URL and process; engines are made per request."""
    with _clients_lock:
        if url not in _clients:
            _clients[url] = Elasticsearch(url, request_timeout=SEARCH_TIMEOUT, max_retries=0, retry_on_timeout=False)
        return _clients[url]


def _describe(error):
    if isinstance(error, BulkIndexError):
        return f"{error}: {error.errors[:3]}"
    return f"{type(error).__name__}: {error}"


class Engine(BaseEngine):
    name = "elasticsearch"

    def __init__(self, config):
        super().__init__(config)
        self.prefix = config.get("INDEX_PREFIX", "portal")
        self.alias = alias_name(self.prefix)
        self.url = config.get("URL") or os.environ.get("ELASTICSEARCH_URL", "")
        self.timeout = float(config.get("TIMEOUT", SEARCH_TIMEOUT))
        self.replicas = int(config.get("REPLICAS", 0))
        self._replaying = False

    def _reader(self):
        if not self.url:
            raise EngineUnavailable("no Elasticsearch URL: set ELASTICSEARCH_URL")
        return _shared_client(self.url).options(request_timeout=self.timeout, max_retries=0)

    def _writer(self):
        return self._reader().options(request_timeout=WRITE_TIMEOUT, max_retries=1, retry_on_timeout=True)

    # Writing -----------------------------------------------------------------

    def index(self, documents):
        documents = list(documents)
        if not documents:
            return 0
        actions = [{"_op_type": "index", "_id": doc.doc_id, "_source": source_for(doc)} for doc in documents]
        return self._write(backlog.PendingIndexOperation.INDEX, [doc.page_id for doc in documents], actions)

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return 0
        actions = [{"_op_type": "delete", "_id": str(page_id)} for page_id in page_ids]
        return self._write(backlog.PendingIndexOperation.DELETE, page_ids, actions)

    def _write(self, operation, page_ids, actions):
        """Send the actions; keep them in the backlog if the cluster cannot take them.

        Once a write succeeds the cluster is reachable again, so the backlog replays
        right after it. Replaying re-reads the pages, so coming after this write
        cannot undo it.
        """
        try:
            writer = self._writer()
            self._ensure_alias(writer)
            done, _ = bulk(
                writer, actions, index=self.alias, chunk_size=BULK_CHUNK,
                # Readers see a publish at once; require_alias stops a write from
                # auto-creating a concrete index under the alias's name.
                refresh=True, require_alias=True,
                # Deleting what is not there is no error.
                ignore_status=(404,) if operation == backlog.PendingIndexOperation.DELETE else (),
            )
        except FAILURES as error:
            if self._replaying:
                raise EngineUnavailable(_describe(error)) from error
            logger.warning("Elasticsearch %s of pages %s failed, kept in the backlog: %s",
                           operation, page_ids, _describe(error))
            backlog.record(operation, page_ids, _describe(error))
            return 0
        if not self._replaying and backlog.has_pending():
            backlog.replay(self, limit=REPLAY_AFTER_WRITE)
        return done

    @contextlib.contextmanager
    def replaying(self):
        """While the backlog replays, a failed write raises instead of joining the backlog again."""
        self._replaying = True
        try:
            yield self
        finally:
            self._replaying = False

    def _ensure_alias(self, writer):
        # The first write on a new cluster creates the index; later ones find the alias.
        if not writer.indices.exists_alias(name=self.alias):
            self._switch_alias(writer, create_index(writer, new_index_name(self.prefix), self.replicas))

    def _switch_alias(self, writer, index):
        """Point the alias at `index` alone, in one atomic step, then delete the other versions.

        Deleting every other version also clears indices a failed rebuild left behind.
        """
        pattern = versioned_pattern(self.prefix)
        writer.indices.update_aliases(actions=[
            {"remove": {"index": pattern, "alias": self.alias, "must_exist": False}},
            {"add": {"index": index, "alias": self.alias}},
        ])
        old = sorted(set(writer.indices.get_alias(index=pattern)) - {index})
        if old:
            writer.options(ignore_status=404).indices.delete(index=",".join(old))

    def reset(self):
        """Readers switch to a new empty index at once; the old one is deleted."""
        try:
            writer = self._writer()
            self._switch_alias(writer, create_index(writer, new_index_name(self.prefix), self.replicas))
        except FAILURES as error:
            raise EngineUnavailable(_describe(error)) from error

    def rebuild(self, documents):
        """Index `documents` (any iterable) into a fresh index, then switch the alias to it.

        The old index answers readers until the switch, so a rebuild has no downtime.
        Pages published during the rebuild go to the old index and are lost with it
        unless `documents` still read them; run it when editors are quiet. Returns the
        number of documents indexed.
        """
        started = timezone.now()
        writer = self._writer()
        try:
            index = create_index(writer, new_index_name(self.prefix), self.replicas)
        except FAILURES as error:
            raise EngineUnavailable(_describe(error)) from error
        try:
            actions = ({"_id": doc.doc_id, "_source": source_for(doc)} for doc in documents)
            done, _ = bulk(writer, actions, index=index, chunk_size=BULK_CHUNK)
            writer.indices.refresh(index=index)
            self._switch_alias(writer, index)
        except FAILURES as error:
            writer.options(ignore_status=404).indices.delete(index=index)
            raise EngineUnavailable(_describe(error)) from error
        # The rebuild read every page after these failures: replaying them is moot.
        backlog.discard_before(started)
        return done

    def drop(self):
        """Delete the alias and every version of the index (for tests and tear-down)."""
        writer = self._writer()
        names = sorted(writer.indices.get_alias(index=versioned_pattern(self.prefix)))
        if names:
            writer.options(ignore_status=404).indices.delete(index=",".join(names))

    # Reading -----------------------------------------------------------------

    def search(self, query):
        if not query.analyzed:
            return SearchResults.empty(self.name)
        try:
            reader = self._reader()
            body = search_request(reader, self.alias, query).execute().to_dict()
            relaxed = False
            if not matched_any(body) and len(query.analyzed.groups) > 1:
                # Nothing has every word: show what has some of them, most words first, and say so.
                body = search_request(reader, self.alias, query, any_word=True).execute().to_dict()
                relaxed = matched_any(body)
            keys = [hit["fields"]["translation_key"][0] for hit in body["hits"]["hits"]]
            versions = {}
            if keys:
                found = versions_request(reader, self.alias, query, keys, any_word=relaxed).execute().to_dict()
                versions = case_versions(found, query.language)
        except FAILURES as error:
            raise EngineUnavailable(_describe(error)) from error
        return SearchResults(
            hits=[self._hit(hit, versions[key], query) for hit, key in zip(body["hits"]["hits"], keys, strict=True)
                  if key in versions],
            total=total_cases(body), facets=facet_counts(body), engine=self.name, relaxed=relaxed,
        )

    @staticmethod
    def _hit(hit, versions, query):
        page_id, language, _, original = versions[0]
        terms = query.analyzed.terms
        snippet = highlight(original.get("summary", ""), terms, language)
        if "<mark>" not in snippet:
            body = highlight(original.get("body", ""), terms, language)
            snippet = body if "<mark>" in body else snippet
        return Hit(
            page_id=page_id, translation_key=hit["fields"]["translation_key"][0], language=language,
            score=hit["_score"] or 0.0, snippet=snippet,
            translations=tuple(version[0] for version in versions[1:]),
        )

    def autocomplete(self, prefix, language, limit=8):
        folded = fold(prefix).strip()
        if len(folded) < 2:
            return []
        try:
            request = completion_request(self._reader(), self.alias, folded, language, size=limit * 4)
            body = request.execute().to_dict()
        except FAILURES as error:
            raise EngineUnavailable(_describe(error)) from error
        found = []
        for option in body["suggest"]["names"][0]["options"]:
            source = option["_source"]
            found += [
                (source["language"] != language, name)
                for name in names_matching(folded, source["original"]["suggestions"])
            ]
        # Like the database engine: the reader's language first, then by name.
        return list(dict.fromkeys(name for _, name in sorted(found)))[:limit]

    def health(self):
        try:
            reader = self._reader()
            status = reader.cluster.health()["status"]
            indices = sorted(reader.indices.get_alias(name=self.alias))
            count = reader.count(index=self.alias)["count"]
        except NotFoundError:
            return False, f"the index alias {self.alias} does not exist yet: run rebuild_search_index"
        except FAILURES as error:
            return False, f"cannot reach Elasticsearch at {self.url or '(no URL)'}: {_describe(error)}"
        message = f"{count} documents in {self.alias} ({', '.join(indices)}), cluster status {status}"
        waiting, _, _ = backlog.backlog_summary()
        if waiting:
            message += f"; {waiting} index operations wait in the backlog (manage.py search_backlog --replay)"
        return status in ("green", "yellow"), message
