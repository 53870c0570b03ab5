"""The database engine's match expressions, and the terms SQLite's index holds."""

import pytest
from django.db import connection

from search.engines.fulltext import PostgresDialect, SQLiteDialect, SQLiteIndex

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
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index; PostgreSQL keeps every term")
def test_sqlite_knows_which_terms_its_pages_hold():
    index = SQLiteIndex()
    index.write([(1, "ky", "kyсуу kyтүтүк", "", "", "", "0суу")])
    terms = {f"kyтерм{number}" for number in range(450)} | {"kyсуу", "0суу", "kyкосмодром", 'ky"'}
    assert index.present(terms) == {"kyсуу", "0суу"}
    assert index.ids("").size == 0 and index.scored("") == []
