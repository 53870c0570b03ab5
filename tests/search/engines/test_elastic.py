import socket
import time
import uuid

import pytest

from search.analysis import analyze_query
from search.engines.base import EngineUnavailable, Expected, IndexMissing, SearchQuery
from search.engines.database import Engine as DatabaseEngine
from search.engines.elastic import Engine
from search.service import run_search
from tests.search.engines.conftest import closed_port_url
from tests.search.engines.contract import ALL, BOSTERI, KANT, KATRAN, KATRAN_RU, EngineContract

pytestmark = pytest.mark.django_db


class TestElasticsearchEngine(EngineContract):
    @pytest.fixture
    def engine(self, elastic_engine):
        return elastic_engine


def query(text, language="ky"):
    return SearchQuery(text=text, analyzed=analyze_query(text, language), language=language)


def test_unreachable_cluster_raises_engine_unavailable():
    engine = Engine({"INDEX_PREFIX": "portal-test", "URL": closed_port_url()})
    with pytest.raises(EngineUnavailable):
        engine.search(query("балдар"))
    with pytest.raises(EngineUnavailable):
        engine.autocomplete("кат", "ky")
    ok, message = engine.health()
    assert not ok and "cannot reach" in message


def test_search_answers_from_the_database_when_elasticsearch_is_down(settings):
    DatabaseEngine({"INDEX_PREFIX": "portal-test"}).index(ALL)
    settings.PORTAL_SEARCH = {
        "ENGINE": "search.engines.elastic", "INDEX_PREFIX": "portal-test",
        "URL": closed_port_url(),
    }
    results = run_search(query("реабилитациялык"))
    assert results.engine == "database"
    assert [hit.page_id for hit in results.hits] == [201]


def test_missing_index_counts_as_unavailable(elasticsearch_url):
    engine = Engine({"INDEX_PREFIX": "portal-test-never-built", "URL": elasticsearch_url})
    with pytest.raises(EngineUnavailable):
        engine.search(query("балдар"))
    ok, message = engine.health()
    assert not ok and "rebuild_search_index" in message


def test_url_comes_from_the_environment_when_settings_have_none(monkeypatch):
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://search.example:9200")
    assert Engine({"INDEX_PREFIX": "portal-test"}).url == "http://search.example:9200"
    assert Engine({"INDEX_PREFIX": "portal-test", "URL": "http://other:9200"}).url == "http://other:9200"


def aliased_indices(engine):
    return sorted(engine._reader().indices.get_alias(name=engine.alias))


def test_reset_points_the_alias_at_one_new_versioned_index(elastic_engine):
    elastic_engine.index(ALL)
    before = aliased_indices(elastic_engine)
    elastic_engine.reset()
    after = aliased_indices(elastic_engine)
    assert len(after) == 1 and after != before
    assert after[0].startswith(f"{elastic_engine.alias}-v")
    assert not elastic_engine._reader().indices.exists(index=before[0])


def test_rebuild_swaps_in_a_fresh_index_and_drops_the_old_one(elastic_engine):
    elastic_engine.index([KANT])
    old = aliased_indices(elastic_engine)
    assert elastic_engine.rebuild(iter([KATRAN, KATRAN_RU, BOSTERI])) == 3
    new = aliased_indices(elastic_engine)
    assert len(new) == 1 and new != old
    assert not elastic_engine._reader().indices.exists(index=old[0])
    assert elastic_engine.search(query("таштанды")).total == 0
    assert [hit.page_id for hit in elastic_engine.search(query("реабилитациялык")).hits] == [201]


def test_a_write_without_the_alias_creates_no_index_and_waits_in_the_backlog(elasticsearch_url):
    from search.models import PendingIndexOperation
    from search.write_policy import delete_documents, index_documents

    engine = Engine({"INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:12]}", "URL": elasticsearch_url})
    try:
        with pytest.raises(IndexMissing):
            index_documents(engine, [KANT])
        with pytest.raises(IndexMissing):
            delete_documents(engine, [201])
        assert not engine._reader().indices.get(index=f"{engine.alias}*")
        assert list(PendingIndexOperation.objects.values_list("operation", "page_ids")) == [
            ("index", [301]), ("delete", [201]),
        ]
        ok, message = engine.health(Expected(pages=1))
        assert not ok and "does not exist" in message and "run rebuild_search_index" in message
    finally:
        engine.drop()


def test_an_index_a_write_created_under_the_alias_name_is_no_index_and_a_rebuild_replaces_it(elastic_engine):
    elastic_engine.index(ALL)
    elastic_engine.drop()
    # What a write that did not require the alias made of a node without its data.
    elastic_engine._writer().index(index=elastic_engine.alias, id="301", document={"kind": "page"}, refresh=True)
    ok, message = elastic_engine.health(Expected(pages=4))
    assert not ok and "an index a write created" in message
    with pytest.raises(IndexMissing):
        elastic_engine.index([KANT])
    assert elastic_engine.rebuild(iter(ALL)) == 4
    assert aliased_indices(elastic_engine)[0].startswith(f"{elastic_engine.alias}-v")
    ok, message = elastic_engine.health(Expected(pages=4))
    assert ok and message.startswith("4 documents"), message


def test_replaying_into_a_missing_index_stops_and_says_so(elastic_engine):
    from search.backlog import replay
    from search.models import PendingIndexOperation
    from search.write_policy import index_documents

    elastic_engine.drop()
    with pytest.raises(IndexMissing):
        index_documents(elastic_engine, [KANT])
    with pytest.raises(IndexMissing):
        replay(elastic_engine)
    assert PendingIndexOperation.objects.get().attempts == 2
    assert not elastic_engine._reader().indices.get(index=f"{elastic_engine.alias}*")





def test_a_cluster_that_stops_answering_fails_within_the_timeout():
    # A socket that accepts connections but never replies, like a node stuck in garbage collection.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        engine = Engine({"INDEX_PREFIX": "portal-test", "URL": f"http://127.0.0.1:{silent.getsockname()[1]}",
                         "TIMEOUT": 0.5})
        started = time.monotonic()
        with pytest.raises(EngineUnavailable):
            engine.search(query("балдар"))
    assert time.monotonic() - started < 2



def case_documents(engine):
    body = engine._reader().search(index=engine.alias, query={"term": {"kind": "case"}}, size=100)
    return {hit["_source"]["translation_key"]: hit["_source"] for hit in body["hits"]["hits"]}


def test_a_translation_indexed_later_joins_its_case_document(elastic_engine):
    elastic_engine.index([KATRAN, BOSTERI])
    elastic_engine.index([KATRAN_RU])
    cases = case_documents(elastic_engine)
    assert set(cases) == {"k-katran", "k-bosteri"}
    assert cases["k-katran"]["text_ky"] and cases["k-katran"]["text_ru"]


def test_deleting_one_translation_keeps_the_case_document_and_deleting_all_removes_it(elastic_engine):
    elastic_engine.index(ALL)
    elastic_engine.delete([101])
    assert "text_ky" not in case_documents(elastic_engine)["k-katran"]
    elastic_engine.delete([102])
    assert set(case_documents(elastic_engine)) == {"k-bosteri", "k-kant"}


def test_rebuild_makes_one_case_per_practice(elastic_engine):
    elastic_engine.rebuild(iter(ALL))
    assert set(case_documents(elastic_engine)) == {"k-katran", "k-bosteri", "k-kant"}
    assert elastic_engine.search(query("Катран")).total == 1


def test_a_write_that_fails_after_reading_the_case_keeps_its_other_pages_in_the_backlog(elastic_engine, monkeypatch):
    from search import backlog
    from search.engines import elastic
    from search.models import PendingIndexOperation
    from search.write_policy import index_documents

    elastic_engine.index([KATRAN_RU])

    def failing_bulk(*args, **kwargs):
        raise elastic.TransportError("connection reset")

    monkeypatch.setattr(elastic, "bulk", failing_bulk)
    with pytest.raises(EngineUnavailable) as failed:
        elastic_engine.index([KATRAN])
    assert failed.value.stale_pages == (102,)
    assert not PendingIndexOperation.objects.exists(), "the engine only writes; the policy keeps what failed"
    assert index_documents(elastic_engine, [KATRAN]) == 0
    kept = list(PendingIndexOperation.objects.values_list("operation", "page_ids"))
    assert kept == [(backlog.PendingIndexOperation.INDEX, [101]), (backlog.PendingIndexOperation.INDEX, [102])]



def test_health_asks_for_a_rebuild_of_an_index_from_an_older_version(elastic_engine):
    elastic_engine.index([KANT])
    elastic_engine._writer().indices.put_mapping(index=elastic_engine.alias, meta={"mapping_version": 1})
    ok, message = elastic_engine.health()
    assert not ok and "rebuild_search_index" in message


def test_both_engines_store_the_terms_of_one_analysis(elastic_engine):
    from search.engines.fulltext import language_term
    from search.models import IndexedDocument

    database = DatabaseEngine({"INDEX_PREFIX": "portal-test"})
    database.reset()
    for engine in (database, elastic_engine):
        engine.index([KATRAN])
    stored = elastic_engine._reader().get(index=elastic_engine.alias, id="101")["_source"]
    row = IndexedDocument.objects.get(page_id=101)
    for field in ("title", "summary", "body", "keywords"):
        # The database engine glues the page's language in front of its own fields' terms.
        expected = " ".join(language_term("ky", term) for term in stored[field].split())
        assert getattr(row, f"{field}_terms") == expected, field
    assert row.places_terms == stored["places"]
