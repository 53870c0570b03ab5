from search.analysis.normalize import clean, fold_keyboard, normalize
from tests.search.analysis import seed_text


def test_old_letters_from_seed_001_become_kyrgyz_letters():
    assert "чөйрөдө" in clean(seed_text.TITLE_001)
    assert "БӨУ менен ЖӨБдүн өнөктөштүгү" in clean(seed_text.TITLE_001)
    assert clean(seed_text.DPI_NEWS).endswith("жаңылыктары")


def test_latin_look_alikes_inside_a_cyrillic_word_become_cyrillic():
    # Latin C, a, o and p typed inside Kyrgyz words.
    assert clean("Cоциалдык кызмат") == "Социалдык кызмат"
    assert clean("aймак жaнa кeңeш") == "аймак жана кеңеш"
    assert clean("ЖOБ") == "ЖОБ"


def test_cyrillic_look_alikes_inside_a_latin_word_become_latin():
    # Cyrillic е and о typed inside an English word.
    assert clean("Dеvelopment Pоlicy") == "Development Policy"


def test_word_mixing_scripts_without_twins_is_left_alone():
    assert clean("USAIDдин GIZдин") == "USAIDдин GIZдин"


def test_soft_hyphens_and_zero_width_characters_do_not_split_words():
    assert clean("өнүк\u00adтүрүү") == "өнүктүрүү"
    assert clean("жаңы\u200bлык\u200dтар\ufeff") == "жаңылыктар"


def test_control_characters_and_nul_become_spaces():
    assert clean("бала\x00бакча\x07") == "бала бакча "
    assert clean("мектеп\nбакча\tаймак") == "мектеп\nбакча\tаймак"


def test_lone_surrogates_become_spaces():
    assert clean("бала\ud800бакча") == "бала бакча"


def test_compatibility_forms_become_plain_letters_and_digits():
    assert clean("ＧＩＺ ﬁnance ２０１９") == "GIZ finance 2019"


def test_number_sign_is_punctuation_not_letters():
    assert clean("№70") == " 70"


def test_non_breaking_space_from_seed_001_becomes_a_space():
    assert "Географиясы: Кыргыз" in clean(seed_text.GEOGRAPHY)


def test_decomposed_letters_are_composed():
    assert clean("и\u0306ыгарым") == "йыгарым"
    assert clean("о\u0308нүктүрүү") == "өнүктүрүү"


def test_stress_accents_are_dropped():
    assert clean("учи\u0301тель") == "учитель"


def test_normalize_casefolds_and_reads_yo_as_ye():
    assert normalize("Ёлка МЕКТЕПКЕ Ѳнүгүү") == "елка мектепке өнүгүү"


def test_normalize_leaves_only_letters_after_casefolding():
    # İ casefolds to i and a combining dot; the dot must not stay in the word.
    assert normalize("İstanbul") == "istanbul"


def test_keyboard_folding_writes_kyrgyz_letters_as_russian_ones():
    assert fold_keyboard("өнүктүрүү жаңылыктар") == "онуктуруу жанылыктар"
    assert fold_keyboard("ӨСИ ҮЙ ҢАА") == "ОСИ УЙ НАА"


def test_clean_treats_anything_that_is_not_text_as_empty():
    assert clean(None) == ""
    assert clean(70) == ""
    assert normalize(b"bytes") == ""
