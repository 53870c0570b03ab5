import json
import time
from pathlib import Path

from search.analysis.lexicon import LANGUAGES, build_lexicon, default_lexicon, lexicon_rows
from search.analysis.pipeline import MAX_ALTERNATIVES, analyze, analyze_query
from search.analysis.synonyms import build_synonyms

REFERENCE_DATA = Path(__file__).resolve().parents[3] / "practices" / "reference_data"
PLAIN_SYNONYMS = build_synonyms(defaults=False)


def group_of(query, language="ky", **tables):
    [group] = analyze_query(query, language, **tables).groups
    return group


def lexical_alternatives(group):
    return {alternative for index, alternative in enumerate(group.alternatives) if group.is_lexical(index)}


def own_alternatives(group):
    return {alternative for index, alternative in enumerate(group.alternatives) if not group.is_lexical(index)}


def analysed(text, language):
    return tuple(analyze(text, language))


def test_rows_load_with_their_languages_and_sources():
    rows = lexicon_rows()
    assert len(rows) > 200
    for row in rows:
        assert row["kind"] in {"reference", "glossary", "demo", "domain"} and row["source"]
        assert sum(bool(row.get(language)) for language in LANGUAGES) >= 2
    assert {"reference", "glossary", "demo", "domain"} == {row["kind"] for row in rows}
    assert all(row["cases"] for row in rows if row["kind"] == "demo")


def test_every_name_of_the_reference_data_is_in_a_row():
    names = {(language, text) for row in lexicon_rows() for language in LANGUAGES for text in row.get(language, ())}
    files = ["oblasts", "rayons", "service_types", "beneficiary_groups", "funding_mechanisms"]
    records = [record for name in files for record in json.loads((REFERENCE_DATA / f"{name}.json").read_text())]
    for path in REFERENCE_DATA.glob("municipalities*.json"):
        records += json.loads(path.read_text())
    assert len(records) > 100
    for record in records:
        for language in LANGUAGES:
            assert (language, record[f"name_{language}"]) in names, record["slug"]


def test_russian_word_gets_kyrgyz_and_english_alternatives_marked_lexical():
    group = group_of("школа", "ru")
    assert analysed("мектеп", "ky") in lexical_alternatives(group)
    assert ("school",) in lexical_alternatives(group)
    assert analysed("школа", "ru") in own_alternatives(group)


def test_kyrgyz_word_gets_russian_alternatives_marked_lexical():
    group = group_of("суу")
    assert analysed("вода", "ru") in lexical_alternatives(group)
    assert ("water",) in lexical_alternatives(group)


def test_inflected_forms_reach_the_other_language():
    assert analysed("мектеп", "ky") in lexical_alternatives(group_of("школах", "ru"))
    assert analysed("школа", "ru") in lexical_alternatives(group_of("мектептерде"))
    assert analysed("пастбище", "ru") in lexical_alternatives(group_of("жайыттарда"))
    assert analysed("жайыт", "ky") in lexical_alternatives(group_of("пастбищах", "ru"))


def test_domain_rows_give_municipal_vocabulary_in_all_three_languages():
    rows = [row for row in lexicon_rows() if row["kind"] == "domain"]
    assert len(rows) >= 120
    assert all(row.get(language) for row in rows for language in LANGUAGES)
    assert analysed("рабочая группа", "ru") in lexical_alternatives(group_of("жумушчу тобу"))
    assert analysed("жарым стационардык мекеме", "ky") in lexical_alternatives(
        group_of("полустационарных учреждений", "ru")
    )
    assert analysed("реформа", "ru") in lexical_alternatives(group_of("реформасынын"))


def test_lexical_alternatives_can_only_occur_on_pages_of_their_language():
    group = group_of("школа", "ru")
    languages = dict(zip(group.alternatives, group.languages, strict=True))
    assert languages[analysed("мектеп", "ky")] == {"ky", "en"}
    [narrowed] = analyze_query("школа", "ru").for_language("ru").groups
    assert analysed("мектеп", "ky") not in narrowed.alternatives
    assert len(narrowed.lexical) == len(narrowed.alternatives)
    assert narrowed.lexical[narrowed.alternatives.index(("school",))]


def test_multi_word_expressions_become_phrases():
    group = group_of("питьевая вода", "ru")
    assert analysed("ичүүчү суу", "ky") in lexical_alternatives(group)
    assert analysed("drinking water", "en") in lexical_alternatives(group)
    group = group_of("Баткенская область", "ru", synonyms=PLAIN_SYNONYMS)
    assert analysed("Баткен облусу", "ky") in lexical_alternatives(group)


def test_lexical_alternatives_never_override_the_readers_own():
    # «бюджет» is written alike in Kyrgyz and Russian: the lexicon's equal alternative stays the reader's.
    group = group_of("бюджет")
    assert analysed("бюджет", "ky") in own_alternatives(group)
    assert ("budget",) in lexical_alternatives(group)
    # Own alternatives come first, so the cap on alternatives cuts translations first.
    assert list(group.lexical) == sorted(group.lexical)
    assert len(group.alternatives) <= MAX_ALTERNATIVES


def test_synonyms_stay_the_readers_own_and_decide_the_span():
    # «детский сад» is a glossary synonym of «бала бакча»: not lexical, though the lexicon has it too.
    group = group_of("детский сад", "ru")
    assert analysed("бала бакча", "ky") in own_alternatives(group)
    # «ЖӨБ органдары» is a synonym span; the lexicon's «ЖӨБ» alone must not split it.
    [group] = analyze_query("ЖӨБ органдары", "ky").groups
    assert group.text == "ЖӨБ органдары"


def test_query_without_lexicon_words_has_no_lexical_alternatives():
    group = group_of("Алтын-Бешик")
    assert group.lexical == ()
    assert not group.is_lexical(0)


def test_editor_rows_add_to_the_built_in_rows():
    table = build_lexicon([((("курулуш", "ky"), ("стройка", "ru")), False)])
    assert analysed("стройка", "ru") in lexical_alternatives(group_of("курулуш", lexicon=table))
    assert analysed("школа", "ru") in lexical_alternatives(group_of("мектеп", lexicon=table))


def test_replacing_editor_row_takes_the_place_of_built_in_rows_sharing_an_expression():
    table = build_lexicon([((("мектеп", "ky"), ("училище", "ru")), True)])
    found = lexical_alternatives(group_of("мектепте", lexicon=table))
    assert analysed("училище", "ru") in found
    assert analysed("школа", "ru") not in found
    # A replacing row of one expression turns the built-in rows off.
    table = build_lexicon([((("жайыт", "ky"),), True)])
    assert lexical_alternatives(group_of("жайыт", lexicon=table)) == set()


def test_malformed_editor_rows_are_skipped():
    table = build_lexicon([None, 5, ("x",), ([("", "ky"), ("вода", "de")], False), ([("суу", None)], True)])
    assert analysed("вода", "ru") in lexical_alternatives(group_of("суу", lexicon=table))


def test_default_table_is_built_once_and_queries_stay_fast():
    assert default_lexicon() is default_lexicon()
    analyze_query("школах питьевой воды Баткенская область", "ru")
    start = time.perf_counter()
    for _ in range(200):
        analyze_query("школах питьевой воды Баткенская область", "ru")
    assert (time.perf_counter() - start) / 200 < 0.005


def test_lexicon_matches_on_both_sides_of_a_synonym():
    groups = analyze_query("мектеп ЖӨБ суу", "ky").groups
    assert [group.text for group in groups] == ["мектеп", "ЖӨБ", "суу"]
    school, lsg, water = groups
    assert analysed("школа", "ru") in lexical_alternatives(school)
    assert analysed("вода", "ru") in lexical_alternatives(water)
    assert analysed("местное самоуправление", "ru") in own_alternatives(lsg)


def test_a_stem_made_by_the_other_stemmer_does_not_match():
    # The Russian stem of «суу» is «су», as is the Kyrgyz stem of «Сүлүктү»: water is not Sulukta.
    assert ("sulukta",) not in lexical_alternatives(group_of("суу"))
