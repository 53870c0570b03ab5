"""The search index cannot silently empty: a node back without its data is rebuilt in full.

These tests run the real indexing path (publishing practices, tasks on the
immediate backend) against a real Elasticsearch node, on an index prefix of
their own. "Wiping" deletes only this test's indices and alias, which is what
the portal sees of a node that came back without its data.
"""

import uuid

import pytest
from django.core.management import CommandError, call_command

from search import indexing, rebuild_lock
from search.analysis import analyze_query
from search.documents import indexable_pages
from search.engines import get_engine
from search.engines.base import SearchQuery
from search.engines.database import Engine as DatabaseEngine
from search.health import index_health
from search.models import IndexedDocument, IndexRebuild, PendingIndexOperation
from search.service import run_search
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE
from tests.search.engines.conftest import closed_port_url, running_elasticsearch_url

pytestmark = pytest.mark.django_db

KANT_TITLE = "Кант шаарында таштандыны бөлүп чогултуу"
KANT_SUMMARY = "Шаар тургундары калдыктарды сорттоого үйрөнүштү."
KULUNDU_TITLE = "Кулунду айыл аймагында ичүүчү суу түтүгү"
KULUNDU_SUMMARY = "Айыл тургундары таза суу менен камсыз болушту."


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Indexing waits for the editor's transaction to commit; this runs it when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def elastic(settings, pytestconfig):
    """Elasticsearch configured for the portal, on an empty index of this test's own."""
    settings.PORTAL_SEARCH = {
        "ENGINE": "search.engines.elastic", "INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:12]}",
        "URL": running_elasticsearch_url(pytestconfig),
    }
    engine = get_engine()
    engine.reset()
    DatabaseEngine(settings.PORTAL_SEARCH).reset()
    try:
        yield engine
    finally:
        engine.drop()


def wipe(engine):
    """This test's indices and alias gone, as on a node that restarted without its data."""
    engine.drop()
    assert not engine._reader().indices.get(index=f"{engine.alias}*")


def page_ids_found(text, language="ky", engine=None):
    query = SearchQuery(text=text, analyzed=analyze_query(text, language), language=language)
    hits = (engine or get_engine()).search(query).hits
    return {page_id for hit in hits for page_id in (hit.page_id, *hit.translations)}


def health():
    (_, ok, message), *_ = index_health()
    return ok, message


def publish_several(practice):
    katran = practice(municipality="katran")
    return [
        katran,
        practice(title="Детский центр «Алтын-Бешик» в Катране", summary="Дети готовы к школе.",
                 language="ru", municipality="katran", translation_of=katran),
        practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul", municipality="bosteri"),
        practice(title=KANT_TITLE, summary=KANT_SUMMARY, oblast="chui", municipality="kant",
                 services=("solid-waste",)),
    ]


# A word of each practice of the drill, in the order they are published.
FOUND_BY = ["Алтын-Бешик", "Алтын-Бешик", "реабилитациялык", "таштандыны", "ичүүчү суу"]


def assert_every_live_practice_is_found(pages):
    for page, text in zip(pages, FOUND_BY, strict=True):
        assert page.pk in page_ids_found(text, page.locale.language_code), (page.title, text)


def test_drill_a_node_back_without_its_data_is_rebuilt_in_full_by_the_next_publish(elastic, practice, committed):
    with committed():
        pages = publish_several(practice)
    ok, message = health()
    assert ok and message.startswith("4 documents"), message

    wipe(elastic)
    ok, message = health()
    assert not ok and "does not exist: run rebuild_search_index" in message

    with committed():
        pages.append(practice(title=KULUNDU_TITLE, summary=KULUNDU_SUMMARY, oblast="osh", municipality="kulundu",
                              services=("water-supply",)))

    assert_every_live_practice_is_found(pages)
    checked = index_health()
    assert all(ok for _, ok, _ in checked), checked
    live = indexable_pages().count()
    assert live == 5
    assert elastic.index_report().documents == live == IndexedDocument.objects.count()
    assert not PendingIndexOperation.objects.exists() and not IndexRebuild.objects.exists()
    assert len(elastic._reader().indices.get_alias(name=elastic.alias)) == 1


def test_a_rebuild_under_way_is_not_started_twice(elastic, practice, committed, monkeypatch):
    with committed():
        pages = publish_several(practice)
    rebuilds = []
    real_rebuild = indexing.rebuild_index
    monkeypatch.setattr(indexing, "rebuild_index", lambda **kwargs: rebuilds.append(kwargs) or real_rebuild(**kwargs))
    running = rebuild_lock.claim("a rebuild started elsewhere")
    wipe(elastic)

    with committed():
        pages.append(practice(title=KULUNDU_TITLE, summary=KULUNDU_SUMMARY, oblast="osh"))
        pages[2].unpublish()
    assert rebuilds == []
    assert sorted(page_id for ids in PendingIndexOperation.objects.values_list("page_ids", flat=True)
                  for page_id in ids) == sorted([pages[4].pk, pages[2].pk])
    ok, message = health()
    assert not ok and message.endswith("a rebuild is under way")

    rebuild_lock.release(running)
    with committed():
        pages[3].save_revision().publish()
    assert len(rebuilds) == 1
    assert page_ids_found("реабилитациялык") == set()
    assert pages[4].pk in page_ids_found("ичүүчү суу")
    assert health()[0]


def test_a_failed_rebuild_holds_off_the_next_for_a_while(elastic, practice, committed, monkeypatch):
    with committed():
        practice()
    wipe(elastic)
    attempts = []

    def failing(**kwargs):
        attempts.append(kwargs)
        raise indexing.EngineUnavailable("disk full")

    monkeypatch.setattr(indexing, "rebuild_index", failing)
    with committed():
        practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    with committed():
        practice(title=KANT_TITLE, summary=KANT_SUMMARY, oblast="chui")
    assert len(attempts) == 1
    claim = IndexRebuild.objects.get()
    assert claim.failed and "disk full" in claim.reason
    ok, message = health()
    assert not ok and message.endswith("run rebuild_search_index")


def test_health_command_fails_when_the_index_holds_too_few_or_stale_pages(practice, committed, capsys):
    with committed():
        page = practice()
        other = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    call_command("search_health")
    assert "2 documents in the database index" in capsys.readouterr().out

    get_engine().delete([other.pk])
    with pytest.raises(CommandError):
        call_command("search_health")
    assert "1 pages missing: run rebuild_search_index" in capsys.readouterr().out

    get_engine().index([indexing.document_for_page(p) for p in indexable_pages()])
    with indexing.transaction.atomic():
        type(page).objects.filter(pk=page.pk).update(live=False)
    with pytest.raises(CommandError):
        call_command("search_health")
    assert "1 stale pages" in capsys.readouterr().out


def test_the_fallback_finds_a_practice_published_while_elasticsearch_is_down(settings, practice, committed):
    settings.PORTAL_SEARCH = {
        "ENGINE": "search.engines.elastic", "INDEX_PREFIX": f"portal-test-{uuid.uuid4().hex[:12]}",
        "URL": closed_port_url(),
    }
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    query = SearchQuery(text="реабилитациялык", analyzed=analyze_query("реабилитациялык", "ky"), language="ky")
    results = run_search(query)
    assert results.engine == "database"
    assert [hit.page_id for hit in results.hits] == [page.pk]
    assert PendingIndexOperation.objects.get().page_ids == [page.pk]


def test_a_failing_fallback_write_costs_neither_the_publish_nor_elasticsearch(elastic, practice, committed,
                                                                               monkeypatch, caplog):
    def broken(self, documents):
        raise RuntimeError("database index broken")

    monkeypatch.setattr(DatabaseEngine, "index", broken)
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    assert page_ids_found("реабилитациялык") == {page.pk}
    assert "database fallback index missed a write" in caplog.text
    assert not IndexedDocument.objects.filter(page_id=page.pk).exists()


def test_rebuild_command_rebuilds_elasticsearch_and_the_fallback(elastic, practice, capsys):
    pages = publish_several(practice)
    fallback = get_engine("search.engines.database")
    fallback.reset()
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "Indexed 4 pages with the elasticsearch engine" in out
    assert "database (fallback): 4 documents in the database index" in out
    assert IndexedDocument.objects.count() == elastic.index_report().documents == 4
    assert page_ids_found("таштандыны", engine=fallback) == {pages[3].pk}


def test_rebuild_command_refuses_while_another_rebuild_runs(elastic):
    running = rebuild_lock.claim("a rebuild started elsewhere")
    with pytest.raises(CommandError, match="already under way"):
        call_command("rebuild_search_index")
    rebuild_lock.release(running)


def test_a_page_published_during_a_rebuild_is_in_the_new_index(elastic, practice, committed, monkeypatch):
    with committed():
        pages = publish_several(practice)
    real_batches = indexing._batches

    def publishing_midway(*args, **kwargs):
        for number, batch in enumerate(real_batches(*args, **kwargs)):
            yield batch
            # The second batch has been read: its first page is in the new index already.
            if number == 1:
                with committed():
                    pages.append(practice(title=KULUNDU_TITLE, summary=KULUNDU_SUMMARY, oblast="osh"))
                    pages[2].unpublish()

    monkeypatch.setattr(indexing, "_batches", publishing_midway)
    monkeypatch.setattr(indexing, "BATCH", 2)
    call_command("rebuild_search_index")
    assert pages[4].pk in page_ids_found("ичүүчү суу")
    assert page_ids_found("реабилитациялык") == set()
    assert all(ok for _, ok, _ in index_health())


def test_replaying_the_backlog_into_a_lost_index_rebuilds_it_in_full(elastic, practice, committed):
    with committed():
        pages = publish_several(practice)
    wipe(elastic)
    PendingIndexOperation.objects.create(operation="index", page_ids=[pages[2].pk], error="connection refused")
    with pytest.raises(CommandError, match="index is missing"):
        call_command("search_backlog", "--replay")
    assert elastic.index_report().documents == 4
    assert pages[2].pk in page_ids_found("реабилитациялык")
    assert all(ok for _, ok, _ in index_health())
