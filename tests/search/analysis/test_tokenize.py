from search.analysis.tokenize import MAX_WORD_LENGTH, Word, words
from tests.search.analysis import seed_text


def parts_of(text):
    return [word.parts for word in words(text)]


def test_hyphenated_place_names_stay_one_word_with_parts():
    found = words(seed_text.AK_CHIY)
    assert Word("Ысык-Көл", ("Ысык", "Көл")) in found
    assert Word("Ак-Чий", ("Ак", "Чий")) in found
    assert ("Жалал", "Абад") in parts_of(seed_text.GEOGRAPHY)


def test_punctuation_and_query_syntax_separate_words():
    text = 'бала" (бакча) *мектеп* ^2 ~1 +аймак !облус {a} [b] \\ / : \' NOT «Ак-Чий»'
    assert [word.text for word in words(text)] == [
        "бала", "бакча", "мектеп", "2", "1", "аймак", "облус", "a", "b", "NOT", "Ак-Чий",
    ]


def test_dashes_between_words_are_not_hyphens():
    assert parts_of("кызмат – бул") == [("кызмат",), ("бул",)]
    assert parts_of("мектеп--бакча -аймак-") == [("мектеп",), ("бакча",), ("аймак",)]


def test_abbreviation_loses_its_case_ending():
    assert parts_of("ЖӨБдүн АКШнын МСЗнын КРда USAIDдин ЮНИСЕФтин") == [
        ("ЖӨБ",), ("АКШ",), ("МСЗ",), ("КР",), ("USAID",), ("ЮНИСЕФ",),
    ]


def test_case_ending_after_a_hyphen_is_dropped_only_after_abbreviations_and_numbers():
    assert parts_of("ЖӨБ-дүн USAID-дин 10-да") == [("ЖӨБ",), ("USAID",), ("10",)]
    assert parts_of("2019-жылы Жалал-Абадда") == [("2019", "жылы"), ("Жалал", "Абадда")]


def test_case_ending_after_an_apostrophe_is_dropped_after_abbreviations():
    assert parts_of("ЖӨБ'дүн ӨСИ’нин МСЗʼны Минфин’нын ОсОО-нун") == [
        ("ЖӨБ",), ("ӨСИ",), ("МСЗ",), ("Минфин",), ("ОсОО",),
    ]
    # Elsewhere an apostrophe still separates words.
    assert parts_of("don't Кыргыз'ча") == [("don",), ("t",), ("Кыргыз",), ("ча",)]


def test_english_plural_of_an_abbreviation_is_dropped():
    assert parts_of("NGOs LSGs") == [("NGO",), ("LSG",)]


def test_capitalised_words_keep_their_letters():
    assert parts_of("СОЦИАЛДЫК КЫЗМАТ Катран") == [("СОЦИАЛДЫК",), ("КЫЗМАТ",), ("Катран",)]


def test_numbers_and_dates_are_words():
    assert parts_of(seed_text.DPI_NEWS)[0] == ("2019", "06", "17")
    assert parts_of("№70 1785") == [("70",), ("1785",)]


def test_long_hyphenated_chains_become_separate_words():
    assert parts_of("6-26213-16-2016-1") == [("6",), ("26213",), ("16",), ("2016",), ("1",)]


def test_runs_longer_than_the_limit_are_dropped():
    assert words("бала " + "а" * (MAX_WORD_LENGTH + 1) + " бакча") == [
        Word("бала", ("бала",)),
        Word("бакча", ("бакча",)),
    ]
