from search.analysis.terms import joined_term, part_terms, term
from search.analysis.tokenize import words


def test_stopword_of_either_cyrillic_language_is_dropped_in_both():
    assert term("жана", "ky") is None
    assert term("жана", "ru") is None
    assert term("для", "ky") is None


def test_cyrillic_word_gets_the_stemmer_of_the_language_asked():
    assert term("детских", "ru") == term("детский", "ru")
    assert term("мектептерде", "ky") == term("мектеп", "ky")


def test_latin_word_gets_the_english_stemmer_on_any_page():
    assert term("Services", "ky") == term("service", "ru") == term("service", "en")


def test_numbers_stay_as_written():
    assert term("2019", "ky") == "2019"


def test_terms_are_keyboard_folded():
    assert term("жаңылыктар", "ky") == term("жанылыктар", "ky")
    assert "ң" not in term("жаңылыктар", "ky")


def test_compound_gives_its_parts_and_the_parts_written_together():
    [word] = words("Ак-Чийде")
    assert part_terms(word, "ky") == ("ак", "чий")
    assert joined_term(word, "ky") == term("Акчий", "ky")


def test_compound_with_a_number_or_stopword_has_no_joined_term():
    assert joined_term(words("2019-жылы")[0], "ky") is None
    assert joined_term(words("из-за")[0], "ru") is None
    assert joined_term(words("мектеп")[0], "ky") is None


def test_abbreviation_in_capitals_is_not_stemmed_into_a_common_word():
    # ӨСИ, the Development Policy Institute: read as a word, its и came off as a
    # possessive and it met өс- (grow) in «өсүп», «өстү».
    assert term("ӨСИ", "ky") not in {term("өсүп", "ky"), term("өстү", "ky"), term("өс", "ky")}
    # МСУ lost its у the same way and stood as «мс».
    assert term("МСУ", "ky") == term("МСУ", "ru") == "мсу"
