"""Index changes made while Elasticsearch is down wait in the backlog and reach the index later."""

import datetime
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks import default_task_backend

from search.analysis import analyze_query
from search.backlog import REPLAY_DELAYS, replay
from search.engines import get_engine
from search.engines.base import SearchQuery
from search.engines.elastic import Engine
from search.indexing import index_pages, rebuild_index, replay_backlog_task
from search.models import PendingIndexOperation
from search.write_policy import delete_documents, index_documents
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE
from tests.search.engines.conftest import closed_port_url, empty_elastic_engine, running_elasticsearch_url
from tests.search.engines.contract import KANT

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(pytestconfig):
    """An empty engine on a running node (the fixture of tests/search/engines/conftest.py)."""
    with empty_elastic_engine(running_elasticsearch_url(pytestconfig)) as engine:
        yield engine


@pytest.fixture
def down():
    """The same engine with its node stopped: a port nobody listens on."""
    return Engine({"INDEX_PREFIX": "portal-test-down", "URL": closed_port_url()})


def found(engine, text):
    query = SearchQuery(text=text, analyzed=analyze_query(text, "ky"), language="ky")
    return [hit.page_id for hit in engine.search(query).hits]


def test_failed_index_is_kept_with_its_page_ids(down):
    assert index_documents(down, [KANT]) == 0
    operation = PendingIndexOperation.objects.get()
    assert (operation.operation, operation.page_ids, operation.attempts) == ("index", [301], 1)
    assert "Connection" in operation.error


def test_failed_delete_is_kept(down):
    delete_documents(down, [201, 202])
    assert PendingIndexOperation.objects.get().page_ids == [201, 202]


def test_replay_writes_what_readers_see_now_and_empties_the_backlog(engine, down, practice):
    published = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    withdrawn = practice()
    index_pages([withdrawn.pk], engine)
    withdrawn.unpublish()
    index_pages([published.pk, withdrawn.pk], down)
    assert PendingIndexOperation.objects.count() == 2

    assert replay(engine) == (2, 0)
    assert found(engine, "реабилитациялык") == [published.pk]
    assert found(engine, "Алтын-Бешик") == []


def test_replay_stops_at_the_first_failure_and_counts_the_attempt(down):
    index_documents(down, [KANT])
    delete_documents(down, [201])
    assert replay(down) == (0, 2)
    assert list(PendingIndexOperation.objects.values_list("attempts", flat=True)) == [2, 1]


def test_next_successful_write_replays_the_backlog(engine, down, practice):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk], down)
    index_documents(engine, [KANT])
    assert not PendingIndexOperation.objects.exists()
    assert found(engine, "реабилитациялык") == [page.pk]


def test_rebuild_forgets_operations_it_has_read_anew(engine, down):
    index_documents(down, [KANT])
    rebuild_index(engine)
    assert not PendingIndexOperation.objects.exists()


def test_command_shows_the_backlog_and_replays_it(engine, down, practice, settings, capsys):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk], down)
    call_command("search_backlog")
    out = capsys.readouterr().out
    assert "1 index operations waiting" in out and "Last error: ConnectionError" in out

    settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elastic", "INDEX_PREFIX": engine.prefix, "URL": engine.url}
    call_command("search_backlog", "--replay")
    assert "Replayed 1 operations; 0 still waiting." in capsys.readouterr().out
    assert found(engine, "реабилитациялык") == [page.pk]


def test_command_fails_while_the_cluster_is_down(down, settings):
    index_documents(down, [KANT])
    settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elastic", "INDEX_PREFIX": down.prefix, "URL": down.url}
    with pytest.raises(CommandError):
        call_command("search_backlog", "--replay")
    assert PendingIndexOperation.objects.get().attempts == 2


@pytest.fixture
def deferred_tasks(settings):
    """A task backend that keeps what is enqueued, as the database backend does for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def scheduled_replays(backend):
    return [result for result in backend.results if result.task.func is replay_backlog_task.func]


def test_the_first_failure_schedules_a_replay_and_later_ones_join_it(
    down, deferred_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        index_documents(down, [KANT])
        delete_documents(down, [201])
    [replay_task] = scheduled_replays(deferred_tasks)
    assert list(replay_task.args) == [1]
    expected = timezone.now() + REPLAY_DELAYS[0]
    assert abs(replay_task.task.run_after - expected) < datetime.timedelta(seconds=5)


def test_tasks_run_in_the_request_schedule_no_replay(down, django_capture_on_commit_callbacks):
    # The immediate backend cannot wait: the next write or the command replays instead.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        index_documents(down, [KANT])
    assert callbacks == []
    assert PendingIndexOperation.objects.count() == 1


@pytest.fixture
def configured(settings, pytestconfig):
    """Elasticsearch as the portal's engine, on an index prefix of this test's own."""

    def configure(url):
        settings.PORTAL_SEARCH = {
            "ENGINE": "search.engines.elastic", "INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:12]}", "URL": url,
        }

    return configure


def test_a_replay_while_the_cluster_is_still_down_comes_back_later(
    configured, deferred_tasks, django_capture_on_commit_callbacks
):
    configured(closed_port_url())
    PendingIndexOperation.objects.create(operation="index", page_ids=[301], error="down")
    with django_capture_on_commit_callbacks(execute=True):
        assert replay_backlog_task.call(3) == 0
    [again] = scheduled_replays(deferred_tasks)
    assert list(again.args) == [4]
    expected = timezone.now() + REPLAY_DELAYS[3]
    assert abs(again.task.run_after - expected) < datetime.timedelta(seconds=5)
    assert PendingIndexOperation.objects.get().attempts == 2


def test_the_delay_stops_growing_at_the_last_step(configured, deferred_tasks, django_capture_on_commit_callbacks):
    configured(closed_port_url())
    PendingIndexOperation.objects.create(operation="index", page_ids=[301], error="down")
    with django_capture_on_commit_callbacks(execute=True):
        replay_backlog_task.call(40)
    [again] = scheduled_replays(deferred_tasks)
    expected = timezone.now() + REPLAY_DELAYS[-1]
    assert abs(again.task.run_after - expected) < datetime.timedelta(seconds=5)


def test_a_replay_once_the_cluster_is_back_empties_the_backlog_and_ends_the_chain(
    configured, deferred_tasks, practice, pytestconfig, django_capture_on_commit_callbacks
):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    configured(running_elasticsearch_url(pytestconfig))
    engine = get_engine()
    engine.reset()
    try:
        PendingIndexOperation.objects.create(operation="index", page_ids=[page.pk], error="down")
        with django_capture_on_commit_callbacks(execute=True):
            assert replay_backlog_task.call(2) == 1
        assert scheduled_replays(deferred_tasks) == []
        assert not PendingIndexOperation.objects.exists()
        assert found(engine, "реабилитациялык") == [page.pk]
    finally:
        engine.drop()
