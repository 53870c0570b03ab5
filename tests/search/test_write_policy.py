"""The database engine keeps no backlog: it is the portal's own database, and its failure reaches the caller."""

import pytest

from search.engines.base import EngineUnavailable
from search.engines.database import Engine as DatabaseEngine
from search.engines.elastic import Engine as ElasticEngine
from search.models import PendingIndexOperation
from search.write_policy import fallback_for, index_documents, keeps_backlog
from tests.search.engines.contract import KANT

pytestmark = pytest.mark.django_db


def test_only_a_server_of_its_own_keeps_a_backlog_and_has_the_database_as_fallback():
    database = DatabaseEngine({"INDEX_PREFIX": "portal-test"})
    elastic = ElasticEngine({"INDEX_PREFIX": "portal-test", "URL": "http://127.0.0.1:9"})
    assert not keeps_backlog(database) and fallback_for(database) is None
    assert keeps_backlog(elastic) and isinstance(fallback_for(elastic), DatabaseEngine)


def test_a_failed_database_write_reaches_the_caller_and_waits_nowhere(monkeypatch):
    def failing(self, documents):
        raise EngineUnavailable("table missing")

    monkeypatch.setattr(DatabaseEngine, "index", failing)
    with pytest.raises(EngineUnavailable):
        index_documents(DatabaseEngine({"INDEX_PREFIX": "portal-test"}), [KANT])
    assert not PendingIndexOperation.objects.exists()
