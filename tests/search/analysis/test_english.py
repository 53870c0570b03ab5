from search.analysis.english import STOPWORDS, stem


def test_plural_and_derived_forms_share_a_stem():
    assert stem("governments") == stem("government") == stem("governing")
    assert stem("services") == stem("service")


def test_capitals_do_not_change_the_stem():
    assert stem("Kindergarten") == stem("kindergarten")


def test_stopwords_leave_the_us_and_it_abbreviations_searchable():
    assert {"the", "and", "of", "for"} <= STOPWORDS
    assert not {"us", "it", "policy", "local"} & STOPWORDS
