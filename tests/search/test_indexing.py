"""The index follows what readers can see: publish, unpublish, delete and move."""

import pytest

from search.analysis import analyze_query
from search.engines import get_engine
from search.engines.base import SearchQuery
from search.models import IndexedDocument
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE

pytestmark = pytest.mark.django_db


def found(text, language="ky"):
    query = SearchQuery(text=text, analyzed=analyze_query(text, language), language=language)
    return [hit.page_id for hit in get_engine().search(query).hits]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Indexing waits for the editor's transaction to commit; this runs it when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_published_practice_is_found(practice, committed):
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul",
                        municipality="bosteri")
    assert found("реабилитациялык борбор") == [page.pk]


def test_unpublished_page_disappears(practice, committed):
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    with committed():
        page.unpublish()
    assert found("реабилитациялык") == []
    assert not IndexedDocument.objects.filter(page_id=page.pk).exists()


def test_draft_changes_stay_out_until_published(practice, committed):
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    with committed():
        page.title = "Жаңы аталыш: суу түтүгү"
        page.save_revision()
    assert found("суу түтүгү") == []
    with committed():
        page.get_latest_revision().publish()
    assert found("суу түтүгү") == [page.pk]


def test_deleted_page_disappears(practice, committed):
    with committed():
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    page_id = page.pk
    with committed():
        page.delete()
    assert found("реабилитациялык") == []
    assert not IndexedDocument.objects.filter(page_id=page_id).exists()


def test_each_translation_is_indexed_in_its_own_language(practice, committed):
    with committed():
        kyrgyz = practice()
        russian = practice(title="Детский центр «Алтын-Бешик» в Катране", summary="Дети готовы к школе.",
                           language="ru", translation_of=kyrgyz)
    assert IndexedDocument.objects.get(page_id=russian.pk).language == "ru"
    assert found("детский центр", language="ru") == [russian.pk]


def test_rebuild_command_indexes_every_live_practice(practice, capsys):
    from django.core.management import call_command

    practice()
    practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    practice(title="Долбоордун долбоору", summary="Жарыялана элек.", live=False)
    get_engine().reset()
    call_command("rebuild_search_index")
    assert "Indexed 2 pages" in capsys.readouterr().out
    assert IndexedDocument.objects.count() == 2


def test_rebuild_command_fills_a_fresh_elasticsearch_index(practice, settings, pytestconfig, capsys):
    from django.core.management import call_command

    from tests.search.engines.conftest import running_elasticsearch_url

    settings.PORTAL_SEARCH = {
        "ENGINE": "search.engines.elastic", "INDEX_PREFIX": "portal-test-rebuild",
        "URL": running_elasticsearch_url(pytestconfig),
    }
    engine = get_engine()
    engine.reset()
    stale = engine._reader().indices.get_alias(name=engine.alias)
    try:
        page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
        practice(title="Долбоордун долбоору", summary="Жарыялана элек.", live=False)
        call_command("rebuild_search_index")
        out = capsys.readouterr().out
        assert "Indexed 1 pages with the elasticsearch engine" in out
        assert "1 documents in portal-test-rebuild-practices" in out
        assert found("реабилитациялык борбор") == [page.pk]
        assert set(engine._reader().indices.get_alias(name=engine.alias)).isdisjoint(stale)
    finally:
        engine.drop()
