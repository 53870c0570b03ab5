"""A real Redis for the cache tests, and throw-away ones a test may stop, freeze and start again.

The URL comes from REDIS_URL. Without it, CI fails at once (it must never skip
the Redis tests); a developer's run starts a throw-away server with
scripts/redis.sh once per session and stops it at the end, and skips these
tests only when redis-server is missing and cannot be installed.
"""

import os
import signal
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.servers import ThrowawayServer

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "redis.sh"
# scripts/redis.sh says "not root" when the machine lacks redis-server and may not install it.
_REDIS = ThrowawayServer("Redis", SCRIPT, "REDIS_URL", ("not root",), start_timeout=600, stop_timeout=60)
running_redis_url = _REDIS.url


def redis_cache_config(url, **options):
    """CACHES["default"] for the portal's Redis backend, under a key prefix no other test uses."""
    return {
        "BACKEND": "portal.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}",
        "OPTIONS": options,
    }


def delete_prefixed_keys(config):
    """Leaves a shared Redis as it was found: only this test's keys go."""
    import redis

    client = redis.Redis.from_url(config["LOCATION"], socket_timeout=2)
    try:
        keys = list(client.scan_iter(match=f"{config['KEY_PREFIX']}:*", count=500))
        if keys:
            client.delete(*keys)
    except redis.ConnectionError:
        pass
    finally:
        client.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayRedis:
    """A Redis server of the test's own, on a port of its own, that the test may stop or freeze.

    Started through scripts/redis.sh, as CI starts the shared one.
    """

    # Each process remembers per address that Redis went away (portal/cache.py):
    # a port used before in this run would start a test with its server "away".
    _ports_used = set()

    def __init__(self):
        self.port = free_port()
        while self.port in self._ports_used:
            self.port = free_port()
        self._ports_used.add(self.port)
        self.dir = Path(tempfile.gettempdir()) / f"portal-redis-test-{self.port}"
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._env = {**os.environ, "PORTAL_REDIS_PORT": str(self.port), "PORTAL_REDIS_DIR": str(self.dir)}

    def _script(self, command):
        result = subprocess.run([str(SCRIPT), command], env=self._env, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            pytest.fail(f"scripts/redis.sh {command} failed:\n{result.stderr}", pytrace=False)

    def start(self):
        self._script("start")

    def stop(self):
        self.thaw()
        self._script("stop")

    def _pid(self):
        try:
            return int((self.dir / "redis.pid").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def freeze(self):
        """The server stops answering but keeps its connections and its data, as a hung Redis does."""
        os.kill(self._pid(), signal.SIGSTOP)

    def thaw(self):
        pid = self._pid()
        if pid is not None:
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass


def run_workers(cache_config, action, key, times, processes):
    """Start worker processes, let them all go at once, and return what each one's calls returned."""
    import json
    import sys

    from portal.cache import ResilientRedisCache

    command = [sys.executable, "-m", "tests.cache_worker", json.dumps(cache_config), action, key, str(times)]
    workers = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    try:
        for worker in workers:
            line = worker.stdout.readline().strip()
            assert line == "ready", f"a worker did not start: {line!r} {worker.stderr.read()}"
        ResilientRedisCache(cache_config["LOCATION"], cache_config).set("go", 1, timeout=60)
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
            results.append(json.loads(out))
        return results
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
