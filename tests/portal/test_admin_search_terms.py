"""What the admin's index holds for a text, and what a typed query matches there."""

import pytest

from portal.admin_search_terms import Alternative, indexed_terms, query_groups, written_words
from search.analysis import analyze

pytestmark = pytest.mark.django_db


def texts(group):
    return {alternative.text for alternative in group}


def test_indexed_terms_are_the_public_searchs_with_the_pages_language_in_front():
    text = "Катрандагы балдар бакчасы"
    assert indexed_terms([text], "ky") == " ".join("ky" + term for term in analyze(text, "ky"))
    assert "kyбала" in indexed_terms([text], "ky").split()
    assert indexed_terms(["Детский сад"], "ru").split() == ["ruдетск", "ruсад"]


def test_indexed_terms_guess_the_language_of_a_text_without_one():
    assert indexed_terms(["Мобильный детский сад в Казармане"]).startswith("ru")


def test_written_words_are_folded_and_lower_cased():
    assert written_words(["Өнүгүү ЖӨБ-дүн", "Ак-Чий"]) == "онугуу жоб ак чий"


def test_an_inflected_word_and_its_dictionary_form_share_a_term():
    inflected, plain = query_groups("балдарга"), query_groups("бала")
    assert "kyбала" in texts(inflected[0]) & texts(plain[0])


def test_every_word_must_match_and_any_of_its_alternatives():
    groups = query_groups("бала бакча жана мектеп")
    assert len(groups) == 2  # «бала бакча» is one synonym group, «жана» a stopword
    assert all(not alternative.prefix for group in groups for alternative in group)


def test_the_last_word_typed_also_matches_the_start_of_a_written_word():
    groups = query_groups("туризмдин өнү", last_word_prefix=True)
    assert Alternative("ону", prefix=True) in groups[-1]
    assert not any(alternative.prefix for alternative in groups[0])


def test_a_stopword_typed_last_still_matches_as_the_start_of_a_word():
    assert query_groups("бала жана", last_word_prefix=True)[-1] == [Alternative("жана", prefix=True)]


def test_a_closed_quote_leaves_no_word_unfinished():
    groups = query_groups('"айылдык туризм"', last_word_prefix=True)
    assert len(groups) == 1
    assert not any(alternative.prefix for alternative in groups[0])
    assert "kyайыл kyтуризм" in texts(groups[0])


@pytest.mark.parametrize("query", ["", " ", '"', "*^~:!", "()", "\x00", "OR AND NOT"])
def test_nothing_to_search_for_gives_no_group(query):
    assert query_groups(query) == []


def test_a_long_query_is_cut_to_the_public_searchs_limit():
    assert len(query_groups("бала мектеп " * 500)) <= 32
