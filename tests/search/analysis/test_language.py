import pytest

from search.analysis.language import (
    guess_cyrillic_language,
    guess_language,
    script,
    supported_language,
)
from tests.search.analysis import seed_text


@pytest.mark.parametrize(
    "text", [seed_text.TRAININGS, seed_text.KATRAN_CHILDREN, seed_text.TITLE_001]
)
def test_seed_sentences_are_kyrgyz(text):
    assert guess_language(text, default="ru") == "ky"


def test_russian_sentence_is_russian():
    text = "Органы местного самоуправления и некоммерческие организации в Баткенской области"
    assert guess_language(text, default="ky") == "ru"


def test_english_sentence_is_english():
    assert guess_language("Municipal social order in Batken oblast", default="ky") == "en"


def test_kyrgyz_typed_without_kyrgyz_letters_is_still_kyrgyz():
    assert guess_language("онуктуруу саясат институту", default="ru") == "ky"
    assert guess_language("мектептерде", default="ru") == "ky"


def test_short_russian_query_is_russian():
    assert guess_language("детский сад", default="ky") == "ru"


def test_words_without_evidence_get_the_default():
    assert guess_language("бала бакча", default="ky") == "ky"
    assert guess_language("бала бакча", default="ru") == "ru"
    assert guess_language("", default="ru") == "ru"
    assert guess_language("бала бакча", default="en") == "ky"


def test_cyrillic_words_on_an_english_page_get_their_own_guess():
    assert guess_cyrillic_language("Municipal social order", default="ru") == "ru"
    text = (
        "The kindergarten «Алтын-Бешик» in Катран айылдык аймагы opened with support "
        "from the GIZ fund in Batken oblast"
    )
    assert guess_language(text, default="ru") == "en"
    assert guess_cyrillic_language(text, default="ru") == "ky"


def test_language_codes_are_read_loosely():
    assert supported_language("ky-KG") == "ky"
    assert supported_language("RU") == "ru"
    assert supported_language("en_GB") == "en"
    assert supported_language("de") is None
    assert supported_language(None) is None


def test_script_of_a_word_picks_its_stemmer():
    assert script("бакча") == "cyrillic"
    assert script("gizдин") == "cyrillic"
    assert script("policy") == "latin"
    assert script("2019") == "number"
    assert script("北京") == "other"
