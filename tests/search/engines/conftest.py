"""A real Elasticsearch for the engine tests, and an empty index on it per test.

The URL comes from ELASTICSEARCH_URL. Without it, CI fails at once (it must
never skip the Elasticsearch tests); a developer's run starts a throw-away node
with scripts/elasticsearch.sh once per session and stops it at the end, and
skips these tests only when Java or Maven is missing.
"""

import contextlib
import os
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "elasticsearch.sh"
_URL = pytest.StashKey[tuple]()
# What scripts/elasticsearch.sh says when the machine lacks what it needs to run a node.
_MISSING_TOOLS = ("needs Java", "has no bin/java", "mvn not found")


def running_elasticsearch_url(config):
    """The URL of a node that answers; skips or fails the calling test when there is none."""
    if _URL not in config.stash:
        config.stash[_URL] = _start_elasticsearch(config)
    outcome, detail = config.stash[_URL]
    if outcome == "skip":
        pytest.skip(detail)
    if outcome == "fail":
        pytest.fail(detail, pytrace=False)
    return detail


def _start_elasticsearch(config):
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        return "url", url
    if os.environ.get("CI", "").lower() in ("true", "1"):
        return "fail", (
            "CI is set but ELASTICSEARCH_URL is not: start a node first with "
            'eval "$(scripts/elasticsearch.sh start)"; CI never skips the Elasticsearch tests.'
        )
    started = subprocess.run([str(SCRIPT), "start"], capture_output=True, text=True, timeout=900)
    messages = [line for line in started.stderr.splitlines() if line.strip()]
    if started.returncode != 0:
        reason = next((line for line in messages if any(m in line for m in _MISSING_TOOLS)), None)
        if reason:
            return "skip", f"Elasticsearch tests skipped: {reason}"
        return "fail", "scripts/elasticsearch.sh start failed:\n" + "\n".join(messages[-20:])
    url = started.stdout.strip().rpartition("ELASTICSEARCH_URL=")[2]
    if not any("already running" in line for line in messages):
        # Only a node this session started is stopped (which deletes its data).
        config.add_cleanup(lambda: subprocess.run([str(SCRIPT), "stop"], capture_output=True, timeout=120))
    return "url", url


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
