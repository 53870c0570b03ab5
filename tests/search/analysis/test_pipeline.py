from hypothesis import given, settings
from hypothesis import strategies as st

from portal.parsing import MAX_QUERY_WORDS
from search.analysis.lexicon import build_lexicon
from search.analysis.normalize import fold_keyboard
from search.analysis.pipeline import analyze, analyze_query
from search.analysis.synonyms import build_synonyms
from search.analysis.terms import term
from tests.search.analysis import seed_text

RUSSIAN_PAGE = "Органы местного самоуправления и некоммерческие организации Баткенской области."


def finds(query, page_text, page_language="ky", site_language="ky", synonyms=None, lexicon=None):
    """What every engine must do with the analysis: each group matches some alternative,
    a one-term alternative anywhere, a longer one as consecutive terms."""
    terms = analyze(page_text, page_language)
    analysed = analyze_query(query, site_language, synonyms=synonyms, lexicon=lexicon).for_language(page_language)
    return bool(analysed) and all(
        any(_holds(terms, alternative) for alternative in group.alternatives)
        for group in analysed.groups
    )


def _holds(terms, phrase):
    return any(
        tuple(terms[i : i + len(phrase)]) == phrase for i in range(len(terms) - len(phrase) + 1)
    )


def test_query_typed_without_kyrgyz_letters_finds_page():
    assert finds("онуктуруу", seed_text.ALLIANCE)
    assert finds("жергиликтуу оз алдынча башкаруу", seed_text.ALLIANCE)
    assert finds("Ысык-Кол", seed_text.AK_CHIY)


def test_base_form_query_finds_page_with_only_inflected_forms():
    assert finds("мектеп", seed_text.KATRAN_CHILDREN)
    assert finds("бала бакча", seed_text.KATRAN_TRAININGS)
    assert finds("тренинг", seed_text.TRAININGS)


def test_inflected_query_finds_page_with_other_forms():
    assert finds("облустарда", seed_text.KATRAN_TITLE)
    assert finds("Катрандагы бакчалар", seed_text.KATRAN_TITLE + " " + seed_text.KATRAN_TRAININGS)


def test_all_query_words_must_be_on_the_page():
    assert not finds("мектеп Бишкек", seed_text.KATRAN_CHILDREN)


def test_hyphenated_name_is_found_whole_by_parts_and_written_together():
    for query in ("Ак-Чий", "Ак-Чийде", "Акчий", "ак чий", "Чий"):
        assert finds(query, seed_text.AK_CHIY), query


def test_page_written_with_old_letters_is_found_with_kyrgyz_letters():
    assert finds("өнөктөштүгү чөйрөдө", seed_text.TITLE_001)
    assert finds("ЖӨБ", seed_text.TITLE_001)
    assert finds("жаңылыктар", seed_text.DPI_NEWS)


def test_abbreviation_finds_page_with_only_the_full_name():
    assert finds("ЖӨБ", seed_text.ALLIANCE)
    # The glossary's rows are in the lexicon too: without both tables, nothing finds it.
    assert not finds(
        "ЖӨБ", seed_text.ALLIANCE, synonyms=build_synonyms(defaults=False), lexicon=build_lexicon(defaults=False),
    )


def test_full_name_finds_page_with_only_the_abbreviation():
    assert finds("жергиликтүү өз алдынча башкаруу", seed_text.TRAININGS)


def test_russian_query_on_the_kyrgyz_site_finds_russian_page():
    assert finds("местное самоуправление", RUSSIAN_PAGE, page_language="ru")
    assert finds("Баткенская область", RUSSIAN_PAGE, page_language="ru")


def test_russian_query_finds_kyrgyz_page_through_synonyms():
    assert finds("детский сад", seed_text.KATRAN_TRAININGS)
    assert finds("МСУ", seed_text.KATRAN_ORDER)


def test_russian_stem_of_a_kyrgyz_word_does_not_find_other_kyrgyz_words():
    # The Russian stem of «бала» (child) is «бал», which in Kyrgyz means honey.
    honey = "Айылда бал сатылат."
    assert not finds("бала", honey)
    assert finds("бала", honey, synonyms=build_synonyms(defaults=False)) is False
    assert ("бал",) in analyze_query("бала", "ky").groups[0].alternatives


def test_query_narrowed_to_a_language_keeps_words_every_page_shares():
    plain = build_synonyms(defaults=False)
    query = analyze_query("GIZ 2019 бакча", "ky", synonyms=plain).for_language("ru")
    assert [group.text for group in query.groups] == ["GIZ", "2019", "бакча"]
    assert query.groups[0].alternatives == (("giz",),)
    assert analyze_query("бакча", "ky").for_language("de") == analyze_query("бакча", "ky")


def test_kyrgyz_query_on_the_russian_site_finds_kyrgyz_page():
    assert finds("бакчалар", seed_text.KATRAN_TRAININGS, site_language="ru")


def test_quoted_phrase_needs_its_words_in_order():
    assert finds('"мектепке чейинки"', seed_text.KATRAN_CHILDREN)
    assert finds("«мектепке чейинки билим»", seed_text.KATRAN_PARTNERS)
    assert not finds('"чейинки мектепке"', seed_text.KATRAN_CHILDREN)
    assert finds("чейинки мектепке", seed_text.KATRAN_CHILDREN)


def test_phrase_runs_through_a_hyphenated_name():
    assert finds('"облусунун Ак-Чий айыл"', seed_text.AK_CHIY)


SEED_SENTENCES = [
    value for name, value in vars(seed_text).items() if name.isupper() and isinstance(value, str)
]


def test_every_word_of_a_seed_sentence_finds_its_sentence():
    for sentence in SEED_SENTENCES:
        for word in sentence.split():
            if analyze_query(word, "ky"):
                assert finds(word, sentence), (word, sentence)


KYRGYZ_WORDS = st.lists(
    st.sampled_from(" ".join(SEED_SENTENCES).split()), min_size=1, max_size=12
).map(" ".join)


@settings(database=None, max_examples=200, deadline=None)
@given(KYRGYZ_WORDS)
def test_text_typed_without_kyrgyz_letters_gives_the_same_terms(text):
    assert analyze(fold_keyboard(text), "ky") == analyze(text, "ky")


def test_index_terms_keep_word_order_with_joined_compounds_last():
    assert analyze("Ак-Чий айыл өкмөтү", "ky") == ["ак", "чий", "айыл", "окмот", "акчий"]


def test_stopwords_are_not_indexed():
    terms = analyze(seed_text.TRAININGS, "ky")
    assert "жана" not in terms
    assert analyze("бул жана да", "ky") == []


def test_query_of_only_stopwords_is_empty():
    assert not analyze_query("жана менен", "ky")
    assert not analyze_query("   ", "ky")
    assert not analyze_query('"', "ky")


def test_operators_brackets_and_unpaired_quotes_are_ignored():
    query = analyze_query('мектеп AND (бакча OR "аймак', "ky")
    assert [group.text for group in query.groups] == ["мектеп", "бакча", "аймак"]
    assert not any(group.quoted for group in query.groups)


def test_quoted_group_is_marked():
    [group] = analyze_query("«бала бакча»", "ky").groups
    assert group.quoted
    assert ("бала", "бакча") in group.alternatives


def test_cyrillic_query_word_gets_kyrgyz_and_russian_stems():
    [group] = analyze_query("детских", "ky", synonyms=build_synonyms(defaults=False)).groups
    assert (analyze("детский", "ru")[0],) in group.alternatives
    assert (analyze("детских", "ky")[0],) in group.alternatives


def test_query_language_is_guessed():
    assert analyze_query("детский сад", "ky").language == "ru"
    assert analyze_query("бала бакча", "ky").language == "ky"
    assert analyze_query("social services", "ky").language == "en"


def test_long_query_is_capped():
    query = analyze_query(" ".join(f"сөз{number}" for number in range(200)), "ky")
    assert len(query.groups) == MAX_QUERY_WORDS


def test_page_language_is_guessed_when_unknown():
    assert analyze(RUSSIAN_PAGE) == analyze(RUSSIAN_PAGE, "ru")
    assert analyze(seed_text.ALLIANCE) == analyze(seed_text.ALLIANCE, "ky")


def test_terms_of_the_query_are_listed_for_highlighting():
    query = analyze_query("мектепке бакчалар", "ky", synonyms=build_synonyms(defaults=False))
    assert {term("мектеп", "ky"), term("бакча", "ky")} <= query.terms


# Pieces of text that have broken search engines before: query syntax, quotes, NUL,
# invisible characters, variant letters and very long words.
NASTY = [
    '"', "'", "*", ":", "(", ")", "^", "~", "-", "+", "!", "{", "}", "[", "]", "\\", "/",
    "AND", "OR", "NOT", "NEAR", "\x00", "\u00ad", "\u200b", "\ufeff", "\ud800", "№",
    "«", "»", "“", "”", "„", "ЖӨБдүн", "Ак-Чий", "ѳ", "ӊ", "İ", "ß", "ﬁ", "①", "a" * 70,
    "2019-06-17", "--", "-ды", "Cоциалдык",
]
ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=())),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=5), max_size=30).map("".join),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=5), max_size=30).map(" ".join),
)
LANGUAGES = st.sampled_from(["ky", "ru", "en", None, "xx", "KY-kg"])


def _is_plain_term(term):
    return isinstance(term, str) and term != "" and term.isalnum()


@settings(database=None, max_examples=300, deadline=None)
@given(ANY_TEXT, LANGUAGES)
def test_analyze_never_raises_and_returns_plain_terms(text, language):
    assert all(_is_plain_term(term) for term in analyze(text, language))


@settings(database=None, max_examples=300, deadline=None)
@given(ANY_TEXT, LANGUAGES)
def test_analyze_query_never_raises_and_returns_plain_terms(text, language):
    query = analyze_query(text, language)
    assert len(query.groups) <= MAX_QUERY_WORDS
    for group in query.groups:
        assert group.alternatives
        for alternative in group.alternatives:
            assert alternative and all(_is_plain_term(term) for term in alternative)


def test_ten_kilobytes_of_anything_are_analysed():
    text = "".join(chr(code) for code in range(0x20, 0x20 + 10_000))
    assert all(_is_plain_term(term) for term in analyze(text))
    assert all(_is_plain_term(t) for t in analyze_query(text).terms)
