"""The rate limits count in the shared cache, atomically, over a sliding window, and let people through without it."""

import threading

import pytest

from submissions.models import PracticeSubmission
from submissions.protection import RateLimit, submissions_per_client
from tests.redis_server import redis_cache_config as cache_config_for
from tests.redis_server import run_workers


@pytest.fixture
def clock(monkeypatch, settings):
    settings.SUBMISSIONS_RATE_WINDOW = 3600
    settings.SUBMISSIONS_RATE_LIMIT = 3
    moment = [3600.0 * 1000]
    monkeypatch.setattr("submissions.protection.now", lambda: moment[0])
    return moment


def test_the_limit_is_reached_after_that_many_events(clock):
    limit = RateLimit("test", "SUBMISSIONS_RATE_LIMIT")
    for _ in range(3):
        assert not limit.exceeded("client")
        limit.record("client")
    assert limit.exceeded("client")
    assert not limit.exceeded("another-client")


def test_the_window_slides_rather_than_resetting_on_the_hour(clock):
    limit = RateLimit("test", "SUBMISSIONS_RATE_LIMIT")
    clock[0] += 3500  # late in one window
    for _ in range(3):
        limit.record("client")
    clock[0] += 200  # just into the next: the burst still counts
    assert limit.exceeded("client")
    clock[0] += 3600  # a whole window later it has gone
    assert not limit.exceeded("client")


def test_simultaneous_posts_are_all_counted(clock):
    limit = RateLimit("test", "SUBMISSIONS_RATE_LIMIT")
    threads = [threading.Thread(target=limit.record, args=("client",)) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert limit.count("client") == 20


def test_worker_processes_count_against_one_limit_in_redis(redis_cache_config, settings):
    settings.CACHES = {"default": redis_cache_config}
    run_workers(redis_cache_config, "rate-limit", "client", times=20, processes=2)
    assert submissions_per_client.count("client") == 40
    assert submissions_per_client.exceeded("client")
    assert not submissions_per_client.exceeded("another-client")


@pytest.mark.django_db
def test_with_redis_stopped_a_practice_is_still_received(client, throwaway_redis, settings, share_url, valid_data):
    # A limit that cannot count lets the person through rather than refuse every sender.
    settings.CACHES = {"default": cache_config_for(throwaway_redis.url)}
    throwaway_redis.stop()
    response = client.post(share_url, valid_data)
    assert response.status_code == 302
    assert PracticeSubmission.objects.filter(title=valid_data["title"]).exists()
