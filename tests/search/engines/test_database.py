import pytest

from search.engines.database import Engine
from tests.search.engines.contract import EngineContract

pytestmark = pytest.mark.django_db


class TestDatabaseEngine(EngineContract):
    @pytest.fixture
    def engine(self):
        engine = Engine({"INDEX_PREFIX": "portal-test"})
        engine.reset()
        return engine


@pytest.fixture
def many_matches(monkeypatch):
    """An engine that scores only title matches beyond two matches, and twelve practices with «таштанды».

    Three have it in the title; the one in Naryn has it only in the body.
    """
    import datetime

    from search.documents import SearchDocument
    from search.engines import fulltext

    monkeypatch.setattr(fulltext, "SCORE_ALL_UP_TO", 2)
    engine = Engine({"INDEX_PREFIX": "portal-test"})
    engine.reset()
    documents = []
    for number in range(12):
        in_title = number < 3
        documents.append(SearchDocument(
            page_id=500 + number, translation_key=f"waste-{number}", language="ky",
            title=f"Кант шаарындагы таштанды долбоору {number}" if in_title else f"Шаардын тазалыгы {number}",
            summary="Шаар тургундары калдыктарды сорттоого үйрөнүштү.",
            body="Муниципалдык ишкана таштанды ташуучу унааларды сатып алды.", places="", keywords="",
            oblasts=("naryn",) if number == 11 else ("chui",), status="running",
            published_at=datetime.datetime(2022, 1, 1 + number, tzinfo=datetime.UTC),
        ))
    engine.index(documents)
    return engine


def search(engine, text, page=1, per_page=10, **filters):
    from search.analysis import analyze_query
    from search.engines.base import SearchQuery

    return engine.search(SearchQuery(text=text, analyzed=analyze_query(text, "ky"), language="ky",
                                     filters=filters, page=page, per_page=per_page))


@pytest.fixture
def full_scorings(monkeypatch):
    from search.engines.fulltext import PostgresIndex, SQLiteIndex

    calls = []
    for index_class in (SQLiteIndex, PostgresIndex):
        original = index_class.scored

        def counted(self, expression, title="", original=original):
            if not title:
                calls.append(expression)
            return original(self, expression, title)

        monkeypatch.setattr(index_class, "scored", counted)
    return calls


def text_scored(hit):
    """Whether the hit has a full-text score on top of its coverage of a one-word query."""
    from search.engines.algorithm import COVERAGE_WEIGHT

    return hit.score > COVERAGE_WEIGHT


def scored_at_first():
    """Full scorings a first search over many matches makes: PostgreSQL ranks every match it finds."""
    from django.db import connection

    return 0 if connection.vendor == "sqlite" else 1


def test_beyond_the_limit_title_matches_rank_first_and_totals_stay_exact(many_matches, full_scorings):
    results = search(many_matches, "таштанды", per_page=3)
    assert results.total == 12
    assert results.facets["oblast"] == {"chui": 11, "naryn": 1}
    assert {hit.page_id for hit in results.hits} == {500, 501, 502}
    assert len(full_scorings) == scored_at_first()
    # A page longer than the scored matches scores them all, title matches still first.
    longer = search(many_matches, "таштанды", per_page=12)
    assert {hit.page_id for hit in longer.hits[:3]} == {500, 501, 502} and len(longer.hits) == 12


def test_a_filter_past_the_scored_matches_scores_them_all(many_matches, full_scorings):
    results = search(many_matches, "таштанды", per_page=3, oblast="naryn")
    assert [hit.page_id for hit in results.hits] == [511]
    assert text_scored(results.hits[0]) and len(full_scorings) == 1


def test_a_page_past_the_scored_matches_scores_them_all(many_matches, full_scorings):
    second = search(many_matches, "таштанды", page=2, per_page=5)
    assert len(second.hits) == 5 and all(text_scored(hit) for hit in second.hits)
    assert len(full_scorings) == 1
    pages = [hit.page_id for page in (1, 2, 3) for hit in search(many_matches, "таштанды", page=page, per_page=5).hits]
    assert sorted(pages) == list(range(500, 512))
