"""The rate limits count in the shared cache, atomically, over a sliding window."""

import threading

import pytest

from submissions.protection import RateLimit


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
