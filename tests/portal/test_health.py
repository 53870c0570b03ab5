"""/healthz: 503 when the instance cannot serve (no database), 200 with what is degraded otherwise, and never a secret."""

import time

import pytest
from django.db import OperationalError

from search.breaker import CircuitBreaker
from search.engines import get_engine
from search.indexing import index_pages
from tests.search.engines.conftest import closed_port_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_practice(practice):
    page = practice(municipality="katran")
    index_pages([page.pk], get_engine())
    return page


def test_all_well_is_ok_with_the_index_counted_against_the_live_pages(client, indexed_practice):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    [index] = body["checks"]["search"]["indexes"]
    assert (index["ok"], index["documents"], index["live_pages"]) == (True, 1, 1)


def test_an_index_missing_live_pages_is_not_ok_but_the_instance_still_serves(client, indexed_practice, practice):
    practice(title="Жаңы практика", municipality="bosteri")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    [index] = body["checks"]["search"]["indexes"]
    assert (index["ok"], index["documents"], index["live_pages"]) == (False, 1, 2)


def test_a_database_that_fails_makes_the_instance_unfit_to_serve(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("portal.health.connection.cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["database"] == {"ok": False}


def test_a_cache_that_fails_leaves_the_instance_serving_but_degraded(client, site_tree, monkeypatch):
    # Every instance shares the one Redis: a 503 for it would take them all out of the load balancer.
    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("portal.health.cache.set", refuse)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == {"ok": False}
    assert response.json()["checks"]["database"]["ok"] is True


def test_a_cluster_behind_an_open_breaker_is_reported_at_once_and_without_its_address(client, settings, site_tree):
    url = closed_port_url().replace("http://", "http://portal:s3cret-word@")
    settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elastic", "INDEX_PREFIX": "portal-test", "URL": url}
    breaker = CircuitBreaker(url, failures=1)
    breaker.record_failure()
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 1
    body = response.json()
    assert (response.status_code, body["status"]) == (200, "degraded")
    elastic, fallback = body["checks"]["search"]["indexes"]
    assert (elastic["engine"], elastic["ok"], elastic["documents"]) == ("elasticsearch", False, None)
    assert fallback["engine"] == "database (fallback)"
    text = response.content.decode()
    assert "s3cret-word" not in text and "127.0.0.1" not in text


def test_only_reading_methods_are_answered(client, site_tree):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_the_task_queue_reports_its_depth_and_its_oldest_wait(client, site_tree, settings):
    from datetime import timedelta

    from django.core.mail import send_mail
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    for _ in range(2):
        send_mail("Тема", "Текст", "portal@example.kg", ["moderator@example.kg"])
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert (tasks["ok"], tasks["backend"], tasks["queued"]) == (True, "DatabaseBackend", 2)
    assert tasks["oldest_wait_seconds"] < 60

    # No worker has taken them for an hour.
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    body = client.get("/healthz").json()
    assert body["checks"]["tasks"]["ok"] is False
    assert body["checks"]["tasks"]["oldest_wait_seconds"] >= 3600
    assert body["status"] == "degraded"
