"""A document is analysed once, and every engine stores the terms of that one analysis."""

import pytest

from search import document_analysis
from search.analysis import analyze
from search.document_analysis import analyze_document, analyzed, place_terms
from search.engines.database import Engine as DatabaseEngine
from tests.search.engines.contract import KATRAN


def test_place_names_get_kyrgyz_and_russian_terms_each_once():
    terms = place_terms("Баткенской области Баткен облусу")
    assert set(analyze("Баткенской области", "ru")) <= set(terms)
    assert set(analyze("Баткен облусу", "ky")) <= set(terms)
    assert len(terms) == len(set(terms))


def test_each_field_is_analysed_in_the_page_language():
    terms = analyze_document(KATRAN).terms
    assert terms.title == tuple(analyze(KATRAN.title, "ky"))
    assert terms.body == tuple(analyze(KATRAN.body, "ky"))
    assert terms.places == place_terms(KATRAN.places)


@pytest.mark.django_db
def test_an_engine_stores_an_analysed_document_without_analysing_it_again(monkeypatch):
    document = analyzed(KATRAN)
    assert analyzed(document) is document

    def no_more_analysis(*args, **kwargs):
        raise AssertionError("analysed again")

    monkeypatch.setattr(document_analysis, "analyze", no_more_analysis)
    engine = DatabaseEngine({"INDEX_PREFIX": "portal-test"})
    engine.reset()
    assert engine.index([document]) == 1
