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
    assert len(stems("мектеп мектепке мектептер мектептерде мектептин")) == 1


def test_k_and_p_written_g_and_b_before_a_vowel_share_a_stem():
    assert stems("аймак аймагы аймактарда аймагында") == {"аймак"}
    assert len(stems("китеп китеби китептер")) == 1
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


def written_words(sentence):
    return {normalize(part) for word in words(sentence) for part in word.parts}


def test_forms_of_one_action_share_a_stem():
    # Verbal noun, converb, passive converb, passive past, passive participle, causative.
    assert stems("куруу куруп курулуп курулду курулган курдуруу") == {stem("кур")}
    assert stems("ачуу ачып ачылган ачылды ачтырды") == {stem("ач")}


def test_verb_suffixes_follow_vowel_harmony_and_consonant_assimilation():
    # -ган/-кан/-гөн/-кен after voiced and voiceless sounds, -ды/-ты, -дыр/-тыр.
    assert stems("берген берди берилген берип берүү") == {stem("бер")}
    assert stems("чыккан чыкты чыгуу чыгып") == {stem("чык")}
    assert stems("өткөн өттү өтүп өтүү") == {stem("өт")}
    assert stems("ачтырды курдурду") == {stem("ач"), stem("кур")}
    # The wrong variant is not a suffix: -ган needs -гон after о, -тыр a voiceless sound.
    assert stem("колган") != stem("кол")
    assert stem("курдырды") != stem("кур")


def test_verbs_built_on_nouns_meet_in_all_their_forms():
    # -ла/-да/-та verbs: the stem's last vowel is о in the verbal noun (сактоо).
    assert len(stems("сактоо сактап сактады сакталган сакталат")) == 1
    assert len(stems("иштөө иштеп иштеген иштейт")) == 1
    assert len(stems("талкуулоо талкуулап талкуулашат талкууланып")) == 1


# The seed articles' own verbs, each in the forms the articles use.
SEED_VERBS = {
    "аткаруу": [
        (seed_text.KATRAN_EVENT, "аткаруу"),
        (seed_text.CONTRACTORS, "аткарууга"),
        (seed_text.CONTRACTORS, "аткаруучу"),
        (seed_text.CONTRACTORS, "аткарылышына"),
        (seed_text.KATRAN_PROJECT, "аткарган"),
    ],
    "ашыруу": [
        (seed_text.SOCIAL_ORDER_DEFINITION, "ашыруу"),
        (seed_text.SOCIAL_ORDER_DEFINITION, "ашырууда"),
        (seed_text.KATRAN_LESSON, "ашырылышы"),
        (seed_text.KATRAN_PROJECT, "ашырылып"),
        (seed_text.DFID_FUNDING, "ашырып"),
    ],
    "түзүү": [
        (seed_text.PROJECT_CYCLE, "түзүү"),
        (seed_text.CONTRACTORS, "түзгөн"),
        (seed_text.KATRAN_EVENT, "тузүлгөн"),
        (seed_text.TRAINING_RESULT, "түзгөндү"),
    ],
    "алуу": [
        (seed_text.PROJECT_CYCLE, "алуу"),
        (seed_text.PROJECT_CYCLE, "алынган"),
        (seed_text.FOCUS_GROUPS_HELD, "алып"),
        (seed_text.DEPUTY, "алган"),
    ],
    "берүү": [
        (seed_text.PROJECT_CYCLE, "берүү"),
        (seed_text.TRAINING_REVIEW, "берилген"),
        (seed_text.BOSTERI_HEAD, "берген"),
        (seed_text.BOSTERI_HEAD, "берди"),
        (seed_text.KATRAN_EVENT, "берип"),
        (seed_text.KATRAN_EVENT, "беришет"),
    ],
    "көрсөтүү": [
        (seed_text.TRAINING_REVIEW, "көрсөтүү"),
        (seed_text.SOCIAL_ORDER_DEFINITION, "көрсөтүүгө"),
        (seed_text.KATRAN_LESSON, "көрсөтүүдө"),
    ],
    "каржылоо": [
        (seed_text.SOCIAL_ORDER_DEFINITION, "каржылоо"),
        (seed_text.DFID_FUNDING, "каржылайт"),
        (seed_text.CIVIL_SOCIETY_FUNDING, "каржыланып"),
        (seed_text.CIVIL_SOCIETY_FUNDING, "каржылоодогу"),
    ],
    "катышуу": [
        (seed_text.TRAININGS, "катышты"),
        (seed_text.NARYN_TRAINING, "катышкан"),
        (seed_text.TRAINING_REVIEW, "катышуучулар"),
        (seed_text.KATRAN_EVENT, "катышуучулардын"),
    ],
    "аныктоо": [
        (seed_text.PROJECT_CYCLE, "аныктоо"),
        (seed_text.BOSTERI, "аныкталган"),
        (seed_text.KATRAN_PRIORITY, "аныкталып"),
    ],
    "чечүү": [
        (seed_text.KATRAN_PRIORITY, "чечүү"),
        (seed_text.KATRAN_LESSON, "чечүүнүн"),
    ],
    "өткөрүү": [
        (seed_text.TRAINING_HOST, "өткөрдү"),
        (seed_text.FOCUS_GROUPS_HELD, "өткөрүлдү"),
    ],
    "жүргүзүү": [
        (seed_text.PROJECT_CYCLE, "жүргүзүү"),
        (seed_text.TRAINING_RESULT, "жүргүзгөндү"),
    ],
    "өнүктүрүү": [
        (seed_text.TRAINING_HOST, "өнүгүү"),
        (seed_text.CIVIL_SOCIETY_FUNDING, "өнүктүрүү"),
    ],
    "айтуу": [
        (seed_text.BOSTERI_HEAD, "айтып"),
        (seed_text.DEPUTY, "айтты"),
    ],
}


@pytest.mark.parametrize(("verb", "forms"), SEED_VERBS.items(), ids=list(SEED_VERBS))
def test_forms_of_a_verb_in_the_seed_sentences_share_a_stem(verb, forms):
    for sentence, form in forms:
        assert normalize(form) in written_words(sentence)
    assert {stem(form) for _, form in forms} == {stem(verb)}


def test_different_verbs_from_the_seeds_keep_different_stems():
    assert len({stem(verb) for verb in SEED_VERBS}) == len(SEED_VERBS)


# Words that end like a verb form or a voice suffix, beside the unrelated word they
# would meet if the ending came off.
APART = [
    ("кол", "колдоо"),  # hand; support: the -до that makes a verb of a noun stays
    ("колдоо", "колдонуу"),  # support; use
    ("ай", "айылды"),  # month; the village (accusative), not ай+ыл+ды
    ("ай", "айыл"),
    ("алым", "алуу"),  # tax; taking
    ("жыл", "жылуу"),  # year; warm
    ("кат", "катышуу"),  # letter; taking part
    ("катуу", "катышуу"),  # hard; taking part
    ("кыз", "кызыл"),  # girl; red
    ("ак", "акыл"),  # white; mind
    ("өз", "Өзгөн"),  # self; the rayon of Uzgen
    ("май", "майыптар"),  # oil, May; people with disabilities
    ("жооп", "жөө"),  # answer; on foot (one spelling once folded)
    ("тартуу", "тартип"),  # pulling; order, procedure
    ("түш", "түшүнүү"),  # noon, fall; understanding
    ("болуу", "бөлүшүү"),  # being; sharing
    ("суу", "сугаруу"),  # water; irrigating
    ("бала", "бал"),  # child; honey
    ("кызмат", "кыз"),  # -ат is no present tense here
    ("мамлекет", "мамлек"),
]


@pytest.mark.parametrize(("one", "other"), APART)
def test_unrelated_words_keep_different_stems(one, other):
    assert stem(one) != stem(other)


@pytest.mark.parametrize("forms", [
    "айыл айылды айылда айылдык",
    "кеңеш кеңешти кеңештин кеңеште",
    "жумуш жумушту жумуштар",
    "мисал мисалды мисалга",
    "портал порталды порталда",
    "байланыш байланышты байланышта",
    "суу сууга сууну суулар",
    "кызмат кызматты кызматы кызматтар",
    "мектеп мектепке мектептер мектеби",
    "клуб клубдар клубдун",
])
def test_nouns_that_end_like_verb_forms_keep_all_their_forms_together(forms):
    assert len(stems(forms)) == 1


def test_verb_forms_are_never_cut_to_a_stem_shorter_than_the_root():
    # Two-letter stems only for roots ending in a consonant (ал, ач, өт).
    assert len(stem("кыдыруу")) >= 3
    assert stem("деген") != "де"
    assert stem("суу") == "суу"
    assert stem("тоо") == "тоо"
    assert stem("топ") == stem("топтор") == "топ"
