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
search/service.py answers from the database; a failed write raises it too, and
search/write_policy.py keeps the change in the backlog for later. A write never
creates the index: when the alias is missing (a node that came back without its
data) it raises `IndexMissing`, so the caller asks for a full rebuild
(search/indexing.py) instead of starting an index of one page.
"""

import itertools
import logging
import os
import threading
from dataclasses import dataclass

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, scan

from search.breaker import CircuitBreaker
from search.document_analysis import analyzed
from search.engines import algorithm
from search.engines.base import BaseEngine, EngineUnavailable, IndexMissing, IndexReport, SearchResults
from search.engines.elastic_index import (
    MAPPING_VERSION,
    PAGE,
    VERSION_SOURCE_FIELDS,
    alias_name,
    case_id,
    case_source,
    create_index,
    fold,
    names_matching,
    new_index_name,
    source_for,
    versioned_pattern,
)
from search.engines.elastic_query import (
    VERSIONS,
    case_versions,
    completion_request,
    facet_counts,
    hits_request,
    search_requests,
    strict_cases,
    total_cases,
    versions_request,
)

logger = logging.getLogger(__name__)

FAILURES = (ApiError, TransportError, BulkIndexError, EngineUnavailable)
# A reader waits for a search; better the database's answer than a hanging page.
SEARCH_TIMEOUT = 2
# Writes run in tasks and may wait longer, and retry once after a timeout.
WRITE_TIMEOUT = 10
BULK_CHUNK = 200
# Cases whose pages are read back in one request (up to VERSIONS pages each).
VERSIONS_PER_REQUEST = 1000

_clients = {}
_clients_lock = threading.Lock()


@dataclass(frozen=True)
class _Found:
    total: int
    facets: dict
    hits: list
    plan: object


def _shared_client(url):
    """One client (and connection pool) per URL and process; engines are made per request."""
    with _clients_lock:
        if url not in _clients:
            _clients[url] = Elasticsearch(url, request_timeout=SEARCH_TIMEOUT, max_retries=0, retry_on_timeout=False)
        return _clients[url]


def case_actions(keys, stored, batch):
    """Bulk actions putting each case in step with its pages: the stored ones and the batch just written."""
    written = {}
    for source in batch.values():
        written.setdefault(source["translation_key"], []).append(source)
    actions = []
    for key in sorted(keys):
        versions = [source for _, source in stored.get(key, ())] + written.get(key, [])
        if versions:
            actions.append({"_op_type": "index", "_id": case_id(key), "_source": case_source(key, versions)})
        else:
            actions.append({"_op_type": "delete", "_id": case_id(key)})
    return actions


def _means_missing_index(error):
    """Whether Elasticsearch answered that the index (or the alias) is not there."""
    if isinstance(error, IndexMissing):
        return True
    if isinstance(error, NotFoundError):
        return error.error == "index_not_found_exception"
    if isinstance(error, BulkIndexError):
        return any(
            (item.get("error") or {}).get("type") == "index_not_found_exception"
            for result in error.errors for item in result.values()
        )
    return False


def _means_cluster_down(error):
    """Whether the failure says the cluster is unreachable, frozen or overloaded (not that a request was wrong)."""
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ApiError) and (error.meta.status >= 500 or error.meta.status == 429)


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
        self.breaker = CircuitBreaker(self.url or "unset")

    def _call_allowed(self):
        if not self.breaker.allow():
            raise EngineUnavailable(f"Elasticsearch at {self.url} failed repeatedly; waiting before trying again")

    def _failed(self, error):
        if _means_cluster_down(error):
            self.breaker.record_failure()
        return EngineUnavailable(_describe(error))

    def _reader(self):
        if not self.url:
            raise EngineUnavailable("no Elasticsearch URL: set ELASTICSEARCH_URL")
        return _shared_client(self.url).options(request_timeout=self.timeout, max_retries=0)

    def _writer(self):
        return self._reader().options(request_timeout=WRITE_TIMEOUT, max_retries=1, retry_on_timeout=True)

    # Writing -----------------------------------------------------------------

    def index(self, documents):
        documents = [analyzed(document) for document in documents]
        if not documents:
            return 0
        sources = {item.document.doc_id: source_for(item) for item in documents}
        actions = [{"_op_type": "index", "_id": doc_id, "_source": source} for doc_id, source in sources.items()]
        return self._write([item.page_id for item in documents], actions, batch=sources)

    def delete(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return 0
        actions = [{"_op_type": "delete", "_id": str(page_id)} for page_id in page_ids]
        return self._write(page_ids, actions, batch={})

    def _write(self, page_ids, actions, batch):
        """Send the pages' actions with their cases rebuilt; raise `EngineUnavailable` if the cluster cannot take them.

        `batch` maps the written pages' ids to their new sources (none for a
        delete). Each touched case is rebuilt from its other pages as stored and
        the batch, and goes in the same bulk request as the pages. When the
        request fails after those pages were read, their cases may be out of
        step with them: the error names them in `stale_pages`.

        Without the alias the write raises `IndexMissing`: only a full rebuild
        brings the index back.
        """
        siblings = None
        try:
            writer = self._writer()
            if not writer.indices.exists_alias(name=self.alias):
                raise IndexMissing(self._missing_message(writer))
            touched = {str(page_id) for page_id in page_ids}
            keys = {source["translation_key"] for source in batch.values()} | self._stored_keys(
                writer, touched - set(batch)
            )
            siblings = self._stored_versions(writer, keys, exclude=touched)
            done, _ = bulk(
                writer, actions + case_actions(keys, siblings, batch), index=self.alias, chunk_size=BULK_CHUNK,
                # Readers see a publish at once; require_alias stops a write from
                # auto-creating a concrete index under the alias's name.
                refresh=True, require_alias=True,
                # Deleting what is not there is no error (a delete writes no sources).
                ignore_status=(404,) if not batch else (),
            )
        except FAILURES as error:
            if _means_cluster_down(error):
                self.breaker.record_failure()
            failure = IndexMissing if _means_missing_index(error) else EngineUnavailable
            stale = [int(doc_id) for versions in (siblings or {}).values() for doc_id, _ in versions]
            message = str(error) if isinstance(error, IndexMissing) else _describe(error)
            raise failure(message, stale_pages=stale) from error
        self.breaker.record_success()
        return min(done, len(actions))

    def _stored_keys(self, client, doc_ids):
        """The cases of pages in the index (those about to be deleted)."""
        if not doc_ids:
            return set()
        found = client.mget(index=self.alias, ids=sorted(doc_ids), source=["translation_key"])
        return {doc["_source"]["translation_key"] for doc in found["docs"] if doc.get("found")}

    def _stored_versions(self, client, keys, exclude=(), index=None):
        """{case: [(page id, stored source), ...]} for the pages of these cases in the index."""
        versions = {key: [] for key in keys}
        keys = sorted(keys)
        for start in range(0, len(keys), VERSIONS_PER_REQUEST):
            chunk = keys[start:start + VERSIONS_PER_REQUEST]
            body = client.search(
                index=index or self.alias,
                query={"bool": {"filter": [{"term": {"kind": PAGE}}, {"terms": {"translation_key": chunk}}]}},
                source=VERSION_SOURCE_FIELDS, size=len(chunk) * VERSIONS, track_total_hits=False,
            )
            for hit in body["hits"]["hits"]:
                if hit["_id"] not in exclude:
                    versions[hit["_source"]["translation_key"]].append((hit["_id"], hit["_source"]))
        return versions

    def _concrete_index_under_alias_name(self, client):
        """Whether an index (not the alias) bears the alias's name: one a write created by itself."""
        return bool(client.indices.exists(index=self.alias)) and not client.indices.exists_alias(name=self.alias)

    def _missing_message(self, client):
        if self._concrete_index_under_alias_name(client):
            return f"{self.alias} is an index a write created, not the alias of a versioned index"
        return f"the index alias {self.alias} does not exist"

    def _switch_alias(self, writer, index):
        """Point the alias at `index` alone, in one atomic step, then delete the other versions.

        Deleting every other version also clears indices a failed rebuild left behind.
        An index a write created under the alias's name goes in the same step:
        an alias cannot share a name with an index.
        """
        pattern = versioned_pattern(self.prefix)
        actions = [
            {"remove": {"index": pattern, "alias": self.alias, "must_exist": False}},
            {"add": {"index": index, "alias": self.alias}},
        ]
        if self._concrete_index_under_alias_name(writer):
            actions.insert(0, {"remove_index": {"index": self.alias}})
        writer.indices.update_aliases(actions=actions)
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
        Pages published during the rebuild go to the old index (or, with no index,
        to the backlog) and not to this one unless `documents` still read them;
        search/indexing.py writes them again after the switch. Returns the number of
        documents indexed.
        """
        writer = self._writer()
        try:
            index = create_index(writer, new_index_name(self.prefix), self.replicas)
        except FAILURES as error:
            raise EngineUnavailable(_describe(error)) from error
        try:
            actions = (
                {"_id": item.document.doc_id, "_source": source_for(item)} for item in map(analyzed, documents)
            )
            done, _ = bulk(writer, actions, index=index, chunk_size=BULK_CHUNK)
            writer.indices.refresh(index=index)
            bulk(writer, self._case_actions_for_all(writer, index), index=index, chunk_size=BULK_CHUNK)
            writer.indices.refresh(index=index)
            self._switch_alias(writer, index)
        except FAILURES as error:
            writer.options(ignore_status=404).indices.delete(index=index)
            raise EngineUnavailable(_describe(error)) from error
        return done

    def _case_actions_for_all(self, client, index):
        """Every case of a freshly filled index, built from its pages, read back in case order."""
        pages = scan(
            client, index=index, query={"query": {"term": {"kind": PAGE}}, "sort": ["translation_key", "_doc"]},
            _source=VERSION_SOURCE_FIELDS, preserve_order=True, size=1000,
        )
        for key, group in itertools.groupby(pages, key=lambda hit: hit["_source"]["translation_key"]):
            yield {"_id": case_id(key), "_source": case_source(key, [hit["_source"] for hit in group])}

    def drop(self):
        """Delete the alias and every version of the index (for tests and tear-down)."""
        writer = self._writer()
        names = sorted(writer.indices.get_alias(index=versioned_pattern(self.prefix)))
        if self._concrete_index_under_alias_name(writer):
            names.append(self.alias)
        if names:
            writer.options(ignore_status=404).indices.delete(index=",".join(names))

    # Reading -----------------------------------------------------------------

    def search(self, query):
        if not query.analyzed:
            return SearchResults.empty(self.name)
        self._call_allowed()
        try:
            results = algorithm.run(self, query)
        except FAILURES as error:
            raise self._failed(error) from error
        self.breaker.record_success()
        return results

    def find(self, query, plan):
        """One page of hits and the counts, in one round trip when possible.

        The first round asks for the pages with every group strongly, which rank
        first; when their cases fill the pages up to this one (common words),
        that is the answer. Otherwise a second round asks for every page with
        enough groups, ranked by coverage.
        """
        reader = self._reader()
        strict = all(group.own for group in plan.alternatives())
        hits, counts = (
            response.to_dict() for response in search_requests(reader, self.alias, query, plan, strict).execute()
        )
        if strict and strict_cases(counts) < query.page * query.per_page:
            hits = hits_request(reader, self.alias, query, plan).execute().to_dict()
        return _Found(total=total_cases(counts), facets=facet_counts(counts), hits=hits["hits"]["hits"], plan=plan)

    def page(self, found, query):
        keys = [hit["fields"]["translation_key"][0] for hit in found.hits]
        if not keys:
            return []
        body = versions_request(self._reader(), self.alias, query, found.plan, keys).execute().to_dict()
        versions = case_versions(body, query.language)
        page = []
        for hit, key in zip(found.hits, keys, strict=True):
            if key not in versions:
                continue
            page_id, language, _, original = versions[key][0]
            page.append(algorithm.Version(
                page_id=page_id, translation_key=key, language=language, score=hit["_score"] or 0.0,
                summary=original.get("summary", ""), body=original.get("body", ""),
                translations=tuple(version[0] for version in versions[key][1:]),
            ))
        return page

    def autocomplete(self, prefix, language, limit=8):
        folded = algorithm.completion_key(fold, prefix)
        if not folded:
            return []
        self._call_allowed()
        try:
            request = completion_request(self._reader(), self.alias, folded, language, size=limit * 4)
            body = request.execute().to_dict()
        except FAILURES as error:
            raise self._failed(error) from error
        self.breaker.record_success()
        found = []
        for option in body["suggest"]["names"][0]["options"]:
            source = option["_source"]
            found += [
                (source["language"] != language, name)
                for name in names_matching(folded, source["original"]["suggestions"])
            ]
        return algorithm.completions(found, limit)

    def index_report(self):
        try:
            reader = self._reader()
            status = reader.cluster.health()["status"]
            if not reader.indices.exists_alias(name=self.alias):
                raise IndexMissing(self._missing_message(reader))
            indices = sorted(reader.indices.get_alias(name=self.alias))
            count = reader.count(index=self.alias, query={"term": {"kind": PAGE}})["count"]
            meta = reader.indices.get_mapping(index=self.alias)
        except IndexMissing:
            raise
        except NotFoundError as error:
            # The alias went between two calls.
            raise IndexMissing(f"the index alias {self.alias} does not exist") from error
        except FAILURES as error:
            raise EngineUnavailable(
                f"cannot reach Elasticsearch at {self.url or '(no URL)'}: {_describe(error)}"
            ) from error
        description = f"{count} documents in {self.alias} ({', '.join(indices)}), cluster status {status}"
        problems = []
        if status not in ("green", "yellow"):
            problems.append(f"the cluster is {status}")
        versions = {mapping["mappings"].get("_meta", {}).get("mapping_version") for mapping in meta.values()}
        if versions != {MAPPING_VERSION}:
            problems.append("the index was made by an older version of the portal")
        prefix = versioned_pattern(self.prefix).rstrip("*")
        if any(not name.startswith(prefix) for name in indices):
            problems.append(f"the alias points at an index other than a {prefix}* version")
        return IndexReport(documents=count, description=description, problem="; ".join(problems))
