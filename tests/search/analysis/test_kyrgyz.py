import pytest

from search.analysis.kyrgyz import STOPWORDS, is_ending, stem
from search.analysis.normalize import normalize
from search.analysis.tokenize import words
from tests.search.analysis import seed_text


def stems(text):
    return {stem(word) for word in text.split()}


def test_plural_dative_and_base_form_share_a_stem():
    assert stems("бала балдар балдарга балдардын балдарыбыздын балалар") == {"бала"}


def test_short_root_is_not_cut_down():
    assert stem("бала") == "бала"
    assert stem("бала") != stem("бал")
    assert stems("үй үйү үйүндө үйлөр") == {stem("үй")}
    assert stems("иш иши иштер ишке") == {"иш"}


def test_possessive_and_case_forms_share_a_stem():
    assert stems("бакча бакчасы бакчаларга бакчада бакчасына бакчанын") == {"бакча"}
    assert stems("облус облусу облустарда облусунун облуска") == {"облус"}


def test_dative_after_voiceless_consonant_and_plural_share_a_stem():
    assert stems("мектеп мектепке мектептер мектептерде мектептин") == {"мектеп"}


def test_k_and_p_written_g_and_b_before_a_vowel_share_a_stem():
    assert stems("аймак аймагы аймактарда аймагында") == {"аймак"}
    assert stems("китеп китеби китептер") == {"китеп"}
    assert stems("министрлик министрлиги министрликтер") == {stem("министр")}


def test_service_words_share_a_stem():
    assert stems("кызмат кызматтар кызматы кызматтарды") == {"кызмат"}
    assert stem("көрсөтүүлөр") == stem("көрсөтүү")


def test_place_names_and_their_case_forms_share_a_stem():
    assert len(stems("Баткен Баткенде Баткендеги Баткендин Баткенге")) == 1
    assert len(stems("Катран Катранда Катрандагы Катрандын")) == 1
    assert stems("Нарын Нарында Нарындын Нарынга") == {"нарын"}


def test_ambiguous_accusative_and_possessive_readings_meet():
    # орган+ы and бакча+ны end alike; both readings must reach one stem.
    assert len(stems("орган органы органдары органынын")) == 1
    assert len(stems("фонд фонду фондунун")) == 1


def test_kyrgyz_and_russian_keyboard_spellings_share_a_stem():
    assert stem("өнүктүрүү") == stem("онуктуруу")
    assert stem("жаңылыктар") == stem("жанылыктар")
    assert stem("көрсөтүүлөр") == stem("корсотуулор")
    assert stem("ӨНҮКТҮРҮҮ") == stem("өнүктүрүү")


def test_suffix_with_the_wrong_vowel_is_not_stripped():
    # After е the plural is -тер; «-тар» here is not a suffix.
    assert stem("мектептар") != stem("мектеп")


def test_suffix_with_the_wrong_consonant_is_not_stripped():
    # After a vowel the dative is -га and the locative -да, so these words are whole.
    assert stem("практика") == "практика"
    assert stem("карта") == "карта"


def test_words_that_only_look_inflected_keep_their_stem():
    assert stems("Кыргызстан Кыргызстанда Кыргызстандагы") == {"кыргызстан"}
    assert stem("пайда") == "пайда"
    assert stem("бөлүк") == stem("бөлүгү") != stem("бол")


def test_derivational_suffixes_come_off():
    assert stem("пайдалуу") == stem("пайда")
    assert stem("тарбиячылардын") == stem("тарбия")
    assert stem("даярдыксыз") == stem("даяр")
    assert stem("артыкчылыктуу") == stem("артыкчылык") == stem("артык")


def test_derivational_suffix_needs_its_own_consonant_variant():
    # -тык after р would be -лык or -дык, so «артык» is a whole word, not ар+тык.
    assert stem("артык") != stem("ар")
    assert stem("тартуу") != stem("тар")


def test_russian_loans_drop_the_soft_sign_before_a_suffix():
    assert stem("февраль") == stem("февралда")


# Inflected forms as they stand in the seed articles, with their base forms.
SEED_FORMS = [
    (seed_text.TRAININGS, "Тренингдерге", "тренинг"),
    (seed_text.TRAININGS, "органдарынын", "орган"),
    (seed_text.TRAININGS, "уюмдар", "уюм"),
    (seed_text.TRAINING_PLACES, "шаарында", "шаар"),
    (seed_text.TRAINING_PLACES, "облусунун", "облус"),
    (seed_text.TRAINING_PLACES, "аймактары", "аймак"),
    (seed_text.TITLE_001, "заказдын", "заказ"),
    (seed_text.TITLE_001, "маселелерин", "маселе"),
    (seed_text.GEOGRAPHY, "Республикасынын", "республика"),
    (seed_text.GEOGRAPHY, "облустарынын", "облус"),
    (seed_text.ALLIANCE, "Кыргызстанда", "Кыргызстан"),
    (seed_text.ALLIANCE, "башкарууну", "башкаруу"),
    (seed_text.ALLIANCE, "уюмдардын", "уюм"),
    (seed_text.CHILD_RIGHTS, "институтунун", "институт"),
    (seed_text.CHILD_RIGHTS, "программасынын", "программа"),
    (seed_text.CHILD_RIGHTS, "аймактарындагы", "аймак"),
    (seed_text.FOCUS_GROUPS, "облустарынын", "облус"),
    (seed_text.FOCUS_GROUPS, "кызматкерлер", "кызматкер"),
    (seed_text.AK_CHIY, "өкмөтүнүн", "өкмөт"),
    (seed_text.AK_CHIY, "муниципалитетинин", "муниципалитет"),
    (seed_text.BOSTERI, "соолугунан", "соолук"),
    (seed_text.KATRAN_TITLE, "облусунун", "облус"),
    (seed_text.KATRAN_TITLE, "аймагында", "аймак"),
    (seed_text.KATRAN_MEETING, "үйүндө", "үй"),
    (seed_text.KATRAN_KENESH, "кеңештин", "кеңеш"),
    (seed_text.KATRAN_KENESH, "депутаттары", "депутат"),
    (seed_text.KATRAN_KENESH, "борборунун", "борбор"),
    (seed_text.KATRAN_KENESH, "долбоорунун", "долбоор"),
    (seed_text.KATRAN_CHILDREN, "мектепке", "мектеп"),
    (seed_text.KATRAN_TRAININGS, "бакчаларга", "бакча"),
    (seed_text.KATRAN_TRAININGS, "тренингдер", "тренинг"),
    (seed_text.KATRAN_PARTNERS, "тургундарынын", "тургун"),
    (seed_text.KATRAN_PARTNERS, "жамаатынын", "жамаат"),
    (seed_text.KATRAN_ORDER, "органдары", "орган"),
    (seed_text.KATRAN_ORDER, "уюмга", "уюм"),
]


@pytest.mark.parametrize(("sentence", "inflected", "base"), SEED_FORMS)
def test_inflected_forms_in_seed_sentences_share_a_stem_with_the_base_form(
    sentence, inflected, base
):
    written = [normalize(part) for word in words(sentence) for part in word.parts]
    assert normalize(inflected) in written
    assert stem(inflected) == stem(base)


def test_different_words_from_the_seeds_keep_different_stems():
    distinct = ["бала", "бакча", "мектеп", "аймак", "айыл", "кызмат", "облус", "уюм", "жыл"]
    assert len({stem(word) for word in distinct}) == len(distinct)


def test_stopwords_are_function_words_not_content_words():
    assert {"жана", "менен", "учун", "бул", "деп", "боюнча"} <= STOPWORDS
    assert not {"бала", "бакча", "мектеп", "оз", "эмес", "аймак"} & STOPWORDS


def test_case_endings_written_alone_are_recognised():
    assert is_ending("дүн")
    assert is_ending("лардын")
    assert not is_ending("жылы")
    assert not is_ending("")
