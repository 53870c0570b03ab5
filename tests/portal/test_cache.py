"""The Redis cache round-trips, counts atomically across processes, and lets the portal serve while Redis is away.

Every test here runs against a real Redis: the shared one (REDIS_URL) or a
throw-away server of the test's own that it stops, freezes and starts again.
"""

import logging
import time

import pytest
from django.core.cache import cache

from portal.cache import ResilientRedisCache
from portal.counters import increment
from search.breaker import CircuitBreaker
from submissions.protection import submissions_per_client
from tests.redis_server import redis_cache_config as cache_config_for
from tests.redis_server import run_workers

TIMEOUT = 0.5
# Shorter than production's 5 s, so that the tests need not wait that long for the cache to return.
PAUSE = 0.5


def test_values_round_trip_through_redis(redis_cache_config):
    redis = ResilientRedisCache(redis_cache_config["LOCATION"], redis_cache_config)
    practice = {"title": "Мектепке чейинки билим берүүнүн жаңы үлгүсү", "year": 2019}
    redis.set("practice", practice, timeout=60)
    assert redis.get("practice") == practice
    assert redis.add("practice", "another") is False
    assert redis.add("count", 1, timeout=60) is True
    assert redis.incr("count") == 2
    assert redis.set_many({"oblast": "Баткен", "rayon": "Лейлек"}, timeout=60) == []
    assert redis.get_many(["oblast", "rayon", "missing"]) == {"oblast": "Баткен", "rayon": "Лейлек"}
    assert redis.has_key("oblast") and redis.touch("oblast", 120)
    redis.delete_many(["oblast", "rayon"])
    assert redis.get("oblast", "gone") == "gone"
    assert redis.delete("practice") is True
    # A key that is simply missing is still Django's ValueError, not an outage.
    with pytest.raises(ValueError, match="not found"):
        redis.incr("missing")


def test_a_counter_raised_by_many_worker_processes_at_once_loses_no_count(redis_cache_config):
    results = run_workers(redis_cache_config, "counter", "shared-counter", times=200, processes=6)
    raises = [value for result in results for value in result]
    # Every raise got a number of its own, and together they make 1 to 1200 without a gap.
    assert sorted(raises) == list(range(1, 1201))
    assert ResilientRedisCache(redis_cache_config["LOCATION"], redis_cache_config).get("shared-counter") == 1200


@pytest.fixture
def redis_of_its_own(throwaway_redis, settings):
    """The default cache on a Redis this test may stop and start again."""
    settings.CACHES = {"default": cache_config_for(throwaway_redis.url, pause_after_failure=PAUSE)}
    return throwaway_redis


def test_with_redis_stopped_every_call_answers_as_a_miss_at_once(redis_of_its_own):
    cache.set("kept", "value")
    redis_of_its_own.stop()
    started = time.monotonic()
    assert cache.get("kept", "default") == "default"
    assert cache.get_many(["kept", "other"]) == {}
    assert cache.get_or_set("generation", 1) == 1
    cache.set("new", "value")
    assert cache.set_many({"a": 1}) == ["a"]
    # A claim made with add() goes ahead: a clean-up scheduled twice beats one never scheduled.
    assert cache.add("claim", 1) is True
    assert cache.delete("kept") is False
    assert increment("counter", timeout=60) is None
    assert time.monotonic() - started < TIMEOUT


def test_with_redis_stopped_rate_limits_let_people_through_and_the_search_breaker_stays_closed(redis_of_its_own):
    redis_of_its_own.stop()
    for _ in range(10):
        submissions_per_client.record("client")
    assert not submissions_per_client.exceeded("client")
    breaker = CircuitBreaker("redis-away", failures=1)
    breaker.record_failure()
    assert breaker.allow() and not breaker.is_open()


def test_a_frozen_redis_holds_one_request_for_at_most_the_timeout_and_the_next_ones_not_at_all(
    client, throwaway_redis, settings, practice
):
    settings.CACHES = {"default": cache_config_for(throwaway_redis.url, socket_timeout=TIMEOUT, pause_after_failure=2)}
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    katran = practice(municipality="katran")
    cache.set("kept", "value")
    throwaway_redis.freeze()

    started = time.monotonic()
    assert client.get(katran.url).status_code == 200
    assert time.monotonic() - started < TIMEOUT + 1

    started = time.monotonic()
    for _ in range(50):
        assert cache.get("kept") is None
        assert increment("counter", timeout=60) is None
    assert time.monotonic() - started < 0.1

    throwaway_redis.thaw()
    time.sleep(2)
    assert cache.get("kept") == "value"


def test_with_redis_stopped_pages_and_healthz_answer_200_and_the_cache_returns_with_redis(
    client, redis_of_its_own, settings, practice
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    katran = practice(municipality="katran")
    assert client.get(katran.url)["X-Page-Cache"] == "miss"
    assert client.get(katran.url)["X-Page-Cache"] == "hit"
    assert client.get("/healthz").json()["checks"]["cache"] == {"ok": True}

    redis_of_its_own.stop()
    for _ in range(3):
        page = client.get(katran.url)
        assert page.status_code == 200 and katran.title in page.content.decode()
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {"ok": False}
    assert body["checks"]["database"]["ok"] is True

    redis_of_its_own.start()
    time.sleep(PAUSE)
    assert client.get(katran.url)["X-Page-Cache"] == "miss"
    assert client.get(katran.url)["X-Page-Cache"] == "hit"
    assert client.get("/healthz").json()["checks"]["cache"] == {"ok": True}


def test_a_change_published_while_redis_is_away_purges_the_cached_pages_once_it_is_back(
    client, throwaway_redis, settings, practice, django_capture_on_commit_callbacks
):
    settings.CACHES = {"default": cache_config_for(throwaway_redis.url, pause_after_failure=2)}
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    practice(municipality="katran")
    client.get("/ky/practices/")
    assert client.get("/ky/practices/")["X-Page-Cache"] == "hit"

    # A hung Redis keeps its data: the list cached above is still there when it answers again.
    throwaway_redis.freeze()
    cache.get("anything")
    with django_capture_on_commit_callbacks(execute=True):
        practice(title="Бостеринин жаңы борбору", oblast="issyk-kul", municipality="bosteri")
    throwaway_redis.thaw()
    time.sleep(2)

    page = client.get("/ky/practices/")
    assert page["X-Page-Cache"] == "miss"
    assert "Бостеринин жаңы борбору" in page.content.decode()


def test_after_a_redis_restart_the_first_call_is_answered_though_its_pooled_connection_died(redis_of_its_own):
    cache.set("before", "value")
    redis_of_its_own.stop()
    redis_of_its_own.start()
    # No call reached the cache while it was away, so no pause began: the
    # connection the restart closed is replaced, not reported as an outage.
    cache.set("after", "value")
    assert cache.get("after") == "value"


def test_a_signed_in_editor_stays_signed_in_while_redis_is_stopped(client, redis_of_its_own, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    redis_of_its_own.stop()
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == admin_user
    redis_of_its_own.start()
    time.sleep(PAUSE)
    assert client.get("/admin/").wsgi_request.user == admin_user


def test_an_outage_is_logged_once_rather_than_per_call_and_so_is_the_return(throwaway_redis, settings, caplog):
    settings.CACHES = {"default": cache_config_for(throwaway_redis.url, pause_after_failure=0.05)}
    throwaway_redis.stop()
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for _ in range(10):
            # Each call after a pause tries Redis again, and fails again.
            cache.get("key")
            time.sleep(0.06)
        throwaway_redis.start()
        time.sleep(0.06)
        cache.set("key", "value")
    messages = [record.getMessage() for record in caplog.records if record.name == "portal.cache"]
    assert len(messages) == 2, messages
    assert messages[0].startswith("Redis cache unreachable")
    assert messages[1].startswith("Redis cache reachable again")
    assert cache.get("key") == "value"
