import json

from search.analysis.lexicon import TABLE
from search.tools.build_lexicon import (
    built_rows,
    cited_cases,
    demo_cases,
    file_text,
    main,
    proposed_pairs,
    reference_rows,
)


def test_data_file_is_in_step_with_the_reference_data_and_the_demo_cases():
    current = TABLE.read_text("utf-8")
    assert file_text(built_rows(json.loads(current)["rows"])) == current, (
        "run python -m search.tools.build_lexicon"
    )
    assert main(["--check"]) == 0


def test_places_get_a_row_of_their_bare_names():
    rows = reference_rows()
    assert {"ky": ["Жалал-Абад"], "ru": ["Джалал-Абадская", "Джалал-Абад"], "en": ["Jalal-Abad"]}.items() <= next(
        row for row in rows if row["ky"] == ["Жалал-Абад"]
    ).items()
    assert any(row["ky"] == ["Катран айыл аймагы"] and row["ru"] == ["Катранский айылный аймак"] for row in rows)


def test_demo_row_cites_the_cases_whose_versions_hold_its_words():
    cases = demo_cases()
    assert "massy-drinking-water" in cited_cases({"ky": ["ичүүчү суу"], "ru": ["питьевая вода"]}, cases)
    assert cited_cases({"ky": ["ичүүчү суу"], "ru": ["космос"]}, cases) == []


def test_alignment_proposes_translations():
    proposed = {(kyrgyz, russian) for _, _, kyrgyz, russian in proposed_pairs(demo_cases())}
    assert ("жайыт", "пастбищ") in proposed
