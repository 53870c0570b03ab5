"""Did you mean: mistyped words are corrected to words the indexed pages use, and only those."""

import pytest

from search.analysis import analyze_query
from search.documents import SearchDocument
from search.engines.base import SearchQuery
from search.indexing import index_pages
from search.models import SearchWord
from search.service import run_search
from search.suggest import corrected_query, edit_distance, forget_all, learn
from tests.factories import BOSTERI_SUMMARY, BOSTERI_TITLE, KATRAN_SUMMARY, KATRAN_TITLE
from tests.search.engines.conftest import empty_elastic_engine, running_elasticsearch_url

pytestmark = pytest.mark.django_db


def document(page_id, title, summary, places=""):
    return SearchDocument(page_id=page_id, translation_key=f"case-{page_id}", language="ky", title=title,
                          summary=summary, body="", places=places, keywords="")


@pytest.fixture
def vocabulary():
    learn([
        document(1, BOSTERI_TITLE, BOSTERI_SUMMARY, places="Бостери Ысык-Көл облусу"),
        document(2, KATRAN_TITLE, KATRAN_SUMMARY, places="Катран Баткен облусу"),
    ])


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert edit_distance("катран", "катран", 2) == 0
    assert edit_distance("каттран", "катран", 2) == 1
    assert edit_distance("ктаран", "катран", 2) == 1
    assert edit_distance("борбор", "бостери", 2) == 3


def test_mistyped_word_is_corrected_to_the_word_pages_use(vocabulary):
    assert corrected_query("реабилитациялк борбор") == "реабилитациялык борбор"


def test_capitalised_word_keeps_its_capital(vocabulary):
    assert corrected_query("Каттран балдар") == "Катран балдар"


def test_correction_restores_kyrgyz_letters(vocabulary):
    # «өкмөтнүн» is a typo; its nearest known word is written with ө and ү.
    assert corrected_query("өкмөтнүн") == "өкмөтүнүн"


def test_inflected_form_of_a_known_word_is_no_typo(vocabulary):
    # The pages say «балдар» and «балдарга»; «балдардын» is the same word in another case.
    assert corrected_query("балдардын борбору") == ""


def test_word_typed_without_kyrgyz_letters_is_no_typo(vocabulary):
    assert corrected_query("окмотунун") == ""


def test_word_far_from_every_known_word_is_left_alone(vocabulary):
    assert corrected_query("космодром") == ""
    assert corrected_query("") == ""
    assert corrected_query("!!! ### 2019") == ""


def test_learning_counts_pages_and_a_rebuild_forgets(vocabulary):
    assert SearchWord.objects.get(folded="облусу").documents == 2
    assert SearchWord.objects.get(folded="катран").word == "катран"
    assert SearchWord.objects.get(folded="бостери").documents == 1
    forget_all()
    assert not SearchWord.objects.exists()


def test_learning_known_words_again_adds_each_words_own_count(vocabulary):
    learn([
        document(3, "Нарын облусу", "Катран", places=""),
        document(4, "Чүй облусу", "", places=""),
    ])
    assert SearchWord.objects.get(folded="облусу").documents == 4
    assert SearchWord.objects.get(folded="катран").documents == 2
    assert SearchWord.objects.get(folded="бостери").documents == 1


def query(text, language="ky"):
    return SearchQuery(text=text, analyzed=analyze_query(text, language), language=language)


@pytest.fixture(params=["database", "elasticsearch"])
def configured_engine(request, settings):
    """The search service on each engine in turn, over a real Elasticsearch node for the second."""
    if request.param == "database":
        yield
        return
    with empty_elastic_engine(running_elasticsearch_url(request.config)) as engine:
        settings.PORTAL_SEARCH = {"ENGINE": "search.engines.elastic", "INDEX_PREFIX": engine.prefix,
                                  "URL": engine.url}
        yield


def test_search_that_finds_nothing_suggests_a_query_that_does(practice, configured_engine):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk])
    results = run_search(query("реабилитациялк"))
    assert results.total == 0
    assert results.suggestion == "реабилитациялык"
    assert [hit.page_id for hit in run_search(query(results.suggestion)).hits] == [page.pk]


def test_search_that_finds_only_some_words_suggests_a_query_with_all(practice, configured_engine):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk])
    results = run_search(query("реабилитациялк борбор"))
    assert results.relaxed
    assert results.suggestion == "реабилитациялык борбор"


def test_search_that_finds_pages_suggests_nothing(practice, configured_engine):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk])
    results = run_search(query("реабилитациялык борбор"))
    assert results.total == 1 and results.suggestion == ""


def test_correction_that_would_find_nothing_is_not_suggested(practice, configured_engine):
    page = practice(title=BOSTERI_TITLE, summary=BOSTERI_SUMMARY, oblast="issyk-kul")
    index_pages([page.pk])
    # «Каттран» is near «Катран», which the vocabulary knows from an earlier page but no live page has.
    learn([document(2, KATRAN_TITLE, KATRAN_SUMMARY)])
    assert run_search(query("Каттран")).suggestion == ""
