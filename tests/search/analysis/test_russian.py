from search.analysis.russian import STOPWORDS, stem


def test_case_forms_of_a_russian_noun_share_a_stem():
    forms = ["самоуправление", "самоуправления", "самоуправлению", "самоуправлением"]
    assert {stem(word) for word in forms} == {stem("самоуправление")}


def test_adjective_and_plural_forms_share_a_stem():
    assert stem("детский") == stem("детских") == stem("детского")
    assert stem("сад") == stem("садов") == stem("садах")


def test_yo_is_read_as_ye():
    assert stem("учёт") == stem("учет")
    assert stem("Ёлки") == stem("елки")


def test_capitals_do_not_change_the_stem():
    assert stem("МЕСТНОЕ") == stem("местное")


def test_different_words_keep_different_stems():
    assert stem("область") != stem("облако")


def test_stopwords_are_function_words_not_content_words():
    assert {"и", "в", "на", "для", "по", "что", "это"} <= STOPWORDS
    assert not {"два", "три", "сад", "заказ", "область", "нельзя"} & STOPWORDS
