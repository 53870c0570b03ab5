"""The database engine's match expressions, and the terms SQLite's index holds."""

import pytest
from django.db import connection

from search.analysis import analyze_query
from search.engines.algorithm import MatchPlan
from search.engines.fulltext import PostgresDialect, SQLiteDialect, index_for_connection

WATER = (("суу",), frozenset({"ky"}))
SPACEPORT = (("космодром",), frozenset({"ky"}))


def test_alternatives_with_a_term_no_page_holds_are_left_out():
    dialect = SQLiteDialect(present={"kyсуу", "0суу"})
    assert dialect.alternatives([WATER, SPACEPORT], places="whole") == (
        '({title summary body keywords} : ("kyсуу") OR {places} : ("0суу"))'
    )
    assert dialect.alternatives([SPACEPORT]) == ""
    assert dialect.in_title([SPACEPORT]) == ""


def test_without_the_index_terms_every_alternative_stays():
    assert SQLiteDialect().alternatives([SPACEPORT], places="") == '({title summary body keywords} : ("kyкосмодром"))'
    assert PostgresDialect().alternatives([SPACEPORT], places="") == "(('kyкосмодром':ABD))"


@pytest.mark.parametrize("dialect", [SQLiteDialect(), PostgresDialect()], ids=["sqlite", "postgres"])
def test_an_empty_expression_matches_nothing_in_combinations(dialect):
    assert dialect.all_of(["a", ""]) == ""
    assert dialect.all_of([]) == ""
    assert dialect.any_of(["", "a"]) == "a"
    assert dialect.any_of(["", ""]) == ""


@pytest.mark.django_db
def test_sqlite_knows_which_terms_its_pages_hold_and_postgresql_keeps_every_alternative():
    index = index_for_connection()
    plan = MatchPlan.for_query(analyze_query("суу космодром", "ky"))
    if connection.vendor != "sqlite":
        # A GIN lookup of a term no page holds costs next to nothing, so nothing is left out.
        assert index.dialect_for(plan).present is None
        return
    index.write([(1, "ky", "kyсуу kyтүтүк", "", "", "", "0суу")])
    terms = {f"kyтерм{number}" for number in range(450)} | {"kyсуу", "0суу", "kyкосмодром", 'ky"'}
    assert index.present(terms) == {"kyсуу", "0суу"}
    present = index.dialect_for(plan).present
    assert "kyсуу" in present and not any("космодром" in term for term in present)
    assert index.ids("").size == 0 and index.scored("") == []
