"""A real Elasticsearch for the engine tests, and an empty index on it per test.

The URL comes from ELASTICSEARCH_URL. Without it, CI fails at once (it must
never skip the Elasticsearch tests); a developer's run starts a throw-away node
with scripts/elasticsearch.sh once per session and stops it at the end, and
skips these tests only when Java or Maven is missing.
"""

import contextlib
import socket
import uuid
from pathlib import Path

import pytest

from tests.servers import ThrowawayServer

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "elasticsearch.sh"
# What scripts/elasticsearch.sh says when the machine lacks what it needs to run a node.
_ELASTICSEARCH = ThrowawayServer(
    "Elasticsearch", SCRIPT, "ELASTICSEARCH_URL", ("needs Java", "has no bin/java", "mvn not found"),
    start_timeout=900, stop_timeout=120,
)
running_elasticsearch_url = _ELASTICSEARCH.url


@pytest.fixture(scope="session")
def elasticsearch_url(pytestconfig):
    return running_elasticsearch_url(pytestconfig)


def closed_port_url():
    """A local URL nothing listens on: connections are refused at once, as from a stopped node."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@contextlib.contextmanager
def empty_elastic_engine(url):
    """An Elasticsearch engine on an index prefix of its own, deleted afterwards."""
    from search.engines.elastic import Engine

    engine = Engine({"INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:12]}", "URL": url})
    engine.reset()
    try:
        yield engine
    finally:
        engine.drop()


@pytest.fixture
def elastic_engine(elasticsearch_url):
    with empty_elastic_engine(elasticsearch_url) as engine:
        yield engine
