"""The shared counter counts every raise, from its start value, even when the key has just expired."""

from django.core.cache import cache

from portal.counters import increment


def test_counts_up_from_the_start_value():
    assert [increment("counter", timeout=60) for _ in range(3)] == [1, 2, 3]
    assert increment("other", timeout=60, start=1) == 2


def test_a_key_gone_between_add_and_incr_counts_as_the_first_raise(monkeypatch):
    monkeypatch.setattr(cache, "incr", lambda key: (_ for _ in ()).throw(ValueError(key)))
    monkeypatch.setattr(cache, "add", lambda key, value, timeout=None: cache.set(key, value, timeout) or True)
    assert increment("counter", timeout=60) == 1
    assert cache.get("counter") == 1
