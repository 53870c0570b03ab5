"""Numbers, ids, slugs and queries from a request, parsed in one place."""

import pytest
from django.http import QueryDict

from portal.parsing import (
    MAX_DB_ID,
    MAX_PAGE,
    MAX_PARAMETER_VALUES,
    MAX_QUERY_CHARACTERS,
    MAX_QUERY_WORDS,
    DbIdConverter,
    clean_query,
    limited_values,
    parse_db_id,
    parse_int,
    parse_page_number,
    parse_slug,
)


@pytest.mark.parametrize("value", ["²", "٣", "½", "−1", "＋1", "1e3", "0x10", "", None, "1 2", "7" * 5000])
def test_parse_int_accepts_only_ascii_digits(value):
    assert parse_int(value) is None


def test_parse_int_reads_ascii_digits_and_keeps_to_the_range():
    assert parse_int(" 2015 ", minimum=1991, maximum=2030) == 2015
    assert parse_int("-3") == -3
    assert parse_int("1990", minimum=1991) is None
    assert parse_int("2031", maximum=2030) is None


@pytest.mark.parametrize("value", ["0", "-1", str(MAX_DB_ID + 1), "9223372036854775808", "٣"])
def test_ids_the_database_cannot_hold_are_none(value):
    assert parse_db_id(value) is None


def test_ids_within_the_integer_range_are_read():
    assert parse_db_id("1") == 1
    assert parse_db_id(str(MAX_DB_ID)) == MAX_DB_ID


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), ("0", 1), ("-2", 1), ("²", 1), ("x", 1), (None, 1)]
)
def test_unreadable_page_numbers_are_page_one(value, expected):
    assert parse_page_number(value) == expected


def test_page_numbers_stop_at_the_last_page_ever_linked():
    assert parse_page_number("9" * 30) == 1
    assert parse_page_number(str(MAX_PAGE + 5)) == MAX_PAGE
    assert parse_page_number("40", maximum=7) == 7


def test_slugs_are_letters_digits_and_dashes():
    assert parse_slug(" issyk-kul ") == "issyk-kul"
    assert parse_slug("баткен") == "баткен"
    for bad in ["a b", "a\x00b", "a/b", "", "x" * 101, "field:value", None]:
        assert parse_slug(bad) is None


def test_clean_query_keeps_the_words_and_drops_control_characters():
    assert clean_query("  мектеп\x00бала\x1b[31m  ") == "мектеп бала [31m"


def test_clean_query_caps_words_and_characters():
    assert len(clean_query(" ".join(["сөз"] * 100)).split()) == MAX_QUERY_WORDS
    assert len(clean_query("ж" * 60_000)) == MAX_QUERY_CHARACTERS


def test_limited_values_reads_a_repeated_parameter_only_so_often():
    params = QueryDict("&".join(["service=a"] * 500))
    assert len(limited_values(params, "service")) == MAX_PARAMETER_VALUES
    assert limited_values({"service": "a"}, "service") == ["a"]
    assert limited_values({}, "service") == []


def test_the_path_converter_refuses_ids_past_the_integer_range():
    converter = DbIdConverter()
    assert converter.to_python("42") == 42
    assert converter.to_url(42) == "42"
    for bad in ["0", str(MAX_DB_ID + 1)]:
        with pytest.raises(ValueError):
            converter.to_python(bad)
