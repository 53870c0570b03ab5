from search.analysis.lexicon import build_lexicon
from search.analysis.pipeline import analyze, analyze_query
from search.analysis.synonyms import MAX_ROW_EXPRESSIONS, build_synonyms, default_synonyms


def alternatives(query, synonyms=None, language="ky", lexicon=None):
    [group] = analyze_query(query, language, synonyms=synonyms, lexicon=lexicon).groups
    return group.alternatives


def analysed(text, language="ky"):
    return tuple(analyze(text, language))


def test_abbreviation_query_gets_the_full_name_as_a_phrase():
    assert analysed("жергиликтүү өз алдынча башкаруу") in alternatives("ЖӨБ")


def test_full_name_query_gets_the_abbreviation():
    assert analysed("ЖӨБ") in alternatives("жергиликтүү өз алдынча башкаруу")


def test_russian_abbreviation_on_the_kyrgyz_site_gets_the_kyrgyz_name():
    found = alternatives("МСУ")
    assert analysed("местное самоуправление", "ru") in found
    assert analysed("жергиликтүү өз алдынча башкаруу") in found


def test_inflected_full_name_still_gets_the_abbreviation():
    assert analysed("ӨСИ") in alternatives("Өнүктүрүү саясат институтунун")


def test_abbreviation_in_two_rows_gets_both_but_rows_do_not_chain():
    both = alternatives("МСЗ")
    assert analysed("мамлекеттик социалдык заказ") in both
    assert analysed("муниципалдык социалдык заказ") in both
    state_only = alternatives("мамлекеттик социалдык заказ")
    assert analysed("МСЗ") in state_only
    assert analysed("муниципалдык социалдык заказ") not in state_only


def test_editor_rows_come_on_top_of_the_defaults():
    table = build_synonyms([("ЭҮЖӨБОЖ", ["Эффективдүү жана үлгүлүү ЖӨБ долбоору"])])
    assert analysed("Эффективдүү жана үлгүлүү ЖӨБ долбоору") in alternatives("ЭҮЖӨБОЖ", table)
    assert analysed("жергиликтүү өз алдынча башкаруу") in alternatives("ЖӨБ", table)


def test_defaults_can_be_left_out():
    table = build_synonyms([("облус", ["область"])], defaults=False)
    assert len(table.rows) == 1
    # An abbreviation is not stemmed, so both stemmers give it the same term.
    assert alternatives("ЖӨБ", table, lexicon=build_lexicon(defaults=False)) == (("жоб",),)


def test_malformed_rows_are_skipped():
    rows = [
        None,
        5,
        ("облус",),
        ("", []),
        ("жана", ["да", "и"]),  # nothing but stopwords
        ("ЖӨБ", "жергиликтүү өз алдынча башкаруу"),  # one equivalent as a bare string
        ("кеңеш", [None, "совет"]),
    ]
    table = build_synonyms(rows, defaults=False)
    assert len(table.rows) == 2
    assert build_synonyms(42, defaults=False).rows == ()


def test_huge_rows_are_cut_to_the_limit():
    row = ("бала", [f"сөз{number}" for number in range(MAX_ROW_EXPRESSIONS * 2)])
    [analysed_row] = build_synonyms([row], defaults=False).rows
    assert len(analysed_row) <= MAX_ROW_EXPRESSIONS


def test_match_starts_and_ends_at_word_boundaries():
    table = build_synonyms([("бакча", ["сад"])], defaults=False)
    # «Бала-бакча» is one word: its second part alone is not the word «бакча».
    assert table.match([[frozenset({"бала"}), frozenset({"бакча"})]]) == []
    [(start, end, found)] = table.match([[frozenset({"бала"})], [frozenset({"бакча"})]])
    assert (start, end) == (1, 2)
    assert ("сад",) in [terms for terms, _ in found]


def test_longest_expression_wins():
    query = analyze_query("ЖӨБ органдары", "ky")
    [group] = query.groups
    assert analysed("органы местного самоуправления", "ru") in group.alternatives


def test_expansions_carry_the_languages_of_pages_they_can_occur_on():
    query = analyze_query("ЖӨБ", "ky")
    [group] = query.groups
    languages = dict(zip(group.alternatives, group.languages, strict=True))
    assert languages[analysed("местное самоуправление", "ru")] == {"ru", "en"}
    assert languages[analysed("жергиликтүү өз алдынча башкаруу")] == {"ky", "en"}
    assert languages[("local", "self", "govern")] == {"ky", "ru", "en"}
    [narrowed] = query.for_language("ky").groups
    assert analysed("местное самоуправление", "ru") not in narrowed.alternatives


def test_default_table_is_built_once():
    assert default_synonyms() is default_synonyms()
