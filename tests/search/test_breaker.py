"""A search cluster that keeps failing is left alone for a while: readers and publishers stop waiting on it."""

import socket
import time

import pytest

from search.analysis import analyze_query
from search.breaker import CircuitBreaker
from search.engines.base import EngineUnavailable, SearchQuery
from search.engines.elastic import Engine
from search.models import PendingIndexOperation
from search.service import run_search
from search.write_policy import index_documents
from tests.search.engines.contract import KANT


def query(text):
    return SearchQuery(text=text, analyzed=analyze_query(text, "ky"), language="ky")


@pytest.fixture
def clock(monkeypatch):
    """The breaker's clock, moved by hand."""
    now = [1_000_000.0]
    monkeypatch.setattr("search.breaker.time.time", lambda: now[0])
    return now


@pytest.fixture
def silent_url():
    """A node that accepts connections and never answers, like one stuck in garbage collection."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        yield f"http://127.0.0.1:{silent.getsockname()[1]}"


def test_opens_after_the_set_number_of_failures_within_the_window(clock):
    breaker = CircuitBreaker("node", failures=3, window=30, cool_down=60)
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow() and breaker.is_open()


def test_a_success_forgets_earlier_failures(clock):
    breaker = CircuitBreaker("node", failures=2, window=30, cool_down=60)
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.allow()


def test_after_the_cool_down_one_probe_passes_and_its_success_closes_the_breaker(clock):
    breaker = CircuitBreaker("node", failures=1, window=30, cool_down=60)
    breaker.record_failure()
    clock[0] += 59
    assert not breaker.allow()
    clock[0] += 2
    assert breaker.allow()
    assert not breaker.allow(), "a second caller waits while the probe is out"
    breaker.record_success()
    assert breaker.allow() and breaker.allow()


def test_a_failed_probe_opens_the_breaker_for_another_cool_down(clock):
    breaker = CircuitBreaker("node", failures=1, window=30, cool_down=60)
    breaker.record_failure()
    clock[0] += 61
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    clock[0] += 61
    assert breaker.allow()


def test_breakers_of_different_nodes_are_separate(clock):
    CircuitBreaker("one", failures=1).record_failure()
    assert CircuitBreaker("two", failures=1).allow()
    assert not CircuitBreaker("one", failures=1).allow()


@pytest.mark.django_db
def test_once_open_a_frozen_node_costs_readers_no_wait(silent_url):
    engine = Engine({"INDEX_PREFIX": "portal-test", "URL": silent_url, "TIMEOUT": 0.3})
    for _ in range(3):
        with pytest.raises(EngineUnavailable):
            engine.search(query("балдар"))
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="failed repeatedly"):
        Engine({"INDEX_PREFIX": "portal-test", "URL": silent_url, "TIMEOUT": 0.3}).search(query("балдар"))
    with pytest.raises(EngineUnavailable, match="failed repeatedly"):
        engine.autocomplete("бал", "ky")
    assert time.monotonic() - started < 0.1


@pytest.mark.django_db
def test_readers_get_the_database_answer_at_once_while_the_breaker_is_open(silent_url, settings, practice):
    katran = practice(municipality="katran")
    from search.engines import get_engine
    from search.indexing import index_pages

    index_pages([katran.pk], get_engine("search.engines.database"))
    settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elastic", "INDEX_PREFIX": "portal-test",
                              "URL": silent_url, "TIMEOUT": 0.3}
    for _ in range(3):
        assert run_search(query("Алтын-Бешик")).engine == "database"
    started = time.monotonic()
    results = run_search(query("Алтын-Бешик"))
    assert time.monotonic() - started < 0.2
    assert (results.engine, [hit.page_id for hit in results.hits]) == ("database", [katran.pk])


@pytest.mark.django_db
def test_while_open_index_changes_go_to_the_backlog_without_calling_the_node(silent_url):
    engine = Engine({"INDEX_PREFIX": "portal-test", "URL": silent_url, "TIMEOUT": 0.3})
    engine.breaker = CircuitBreaker(silent_url, failures=1)
    engine.breaker.record_failure()
    started = time.monotonic()
    assert index_documents(engine, [KANT]) == 0
    assert time.monotonic() - started < 0.1
    operation = PendingIndexOperation.objects.get()
    assert operation.page_ids == [KANT.page_id] and "not tried" in operation.error


def test_a_bad_request_does_not_count_as_the_node_failing():
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
    from elasticsearch import BadRequestError

    from search.engines.elastic import _means_cluster_down

    def error(status):
        meta = ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0,
                               node=NodeConfig("http", "127.0.0.1", 9200))
        return BadRequestError(message="x", meta=meta, body={})

    assert not _means_cluster_down(error(400))
    assert _means_cluster_down(error(503)) and _means_cluster_down(error(429))
