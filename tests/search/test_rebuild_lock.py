"""One full rebuild at a time, and a claim that cannot outlive its rebuild for ever."""

import datetime

import pytest
from django.utils import timezone

from search import rebuild_lock
from search.models import IndexRebuild

pytestmark = pytest.mark.django_db


def test_a_second_claim_waits_for_the_first_to_be_released():
    first = rebuild_lock.claim("index missing")
    assert first and rebuild_lock.claim("index missing again") is None
    assert rebuild_lock.under_way().reason == "index missing"
    rebuild_lock.release(first)
    assert rebuild_lock.under_way() is None
    assert rebuild_lock.claim("later") is not None


def test_an_expired_claim_gives_way_and_its_holder_cannot_release_the_next():
    stale = rebuild_lock.claim("worker died")
    IndexRebuild.objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert rebuild_lock.under_way() is None
    fresh = rebuild_lock.claim("next")
    assert fresh is not None
    rebuild_lock.release(stale)
    assert rebuild_lock.under_way().token == fresh


def test_a_running_rebuild_keeps_its_claim_alive():
    token = rebuild_lock.claim("index missing")
    IndexRebuild.objects.update(expires=timezone.now() + datetime.timedelta(seconds=1))
    rebuild_lock.extend(token)
    assert IndexRebuild.objects.get().expires > timezone.now() + rebuild_lock.LEASE - datetime.timedelta(minutes=1)


def test_a_failed_rebuild_blocks_automatic_requests_but_not_an_operator():
    token = rebuild_lock.claim("index missing")
    rebuild_lock.hold_after_failure(token, "disk full")
    assert rebuild_lock.under_way() is None
    assert rebuild_lock.claim("index missing") is None
    assert rebuild_lock.claim("rebuild_search_index", retry_now=True) is not None
