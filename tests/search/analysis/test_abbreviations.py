import pytest

from search.analysis.abbreviations import (
    abbreviation_rows,
    is_written_as_abbreviation,
    listed_abbreviation,
    row_entries,
    row_forms,
)
from search.analysis.kyrgyz import stem
from search.analysis.language import SUPPORTED
from search.analysis.normalize import fold_keyboard, normalize
from search.analysis.terms import term
from search.analysis.tokenize import words
from tests.search.analysis import seed_text
from tests.search.analysis.test_pipeline import finds

ROWS = abbreviation_rows()
ROW_IDS = [row["name"] for row in ROWS]

# A neutral sentence around an expression, so that a page is more than the expression.
FRAME = {
    "ky": "Долбоордун алкагында {} менен тренинг өттү.",
    "ru": "В рамках проекта {} провели тренинг.",
    "en": "Within the project, {} held a training.",
}


def page(language, expression):
    return FRAME[language].format(expression), language


def suffixed(abbreviation):
    """The abbreviation with a Kyrgyz genitive ending glued on, behind a hyphen and an apostrophe."""
    return [abbreviation + "нын", abbreviation + "-нын", abbreviation + "’нын"]


def test_every_row_names_its_forms_its_expansions_and_its_source():
    assert len(ROWS) >= 25
    for row in ROWS:
        assert row["name"] and row["source"].strip(), row
        assert set(row["abbreviations"]) <= set(SUPPORTED) >= set(row["expansions"]), row
        assert row_forms(row, "abbreviations") and row_forms(row, "expansions"), row
        for inflected in row["inflected"]:
            assert listed_abbreviation(words(inflected)[0].parts[0]), inflected


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_abbreviation_is_kept_as_written_whatever_the_case_and_the_stemmer(row):
    for _, abbreviation in row_entries(row, "abbreviations"):
        kept = "".join(ch for ch in fold_keyboard(normalize(abbreviation)) if ch.isalnum())
        assert term(abbreviation, "ky") == term(abbreviation, "ru") == kept
        assert term(abbreviation.lower(), "ky") == kept


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_abbreviation_finds_pages_with_its_expansion_and_the_other_way_round(row):
    for written_in, abbreviation in row_entries(row, "abbreviations"):
        for language, expansion in row_entries(row, "expansions"):
            assert finds(abbreviation, *page(language, expansion)), (abbreviation, expansion)
            for site in ("ky", "ru"):
                text, page_language = page(written_in, abbreviation)
                assert finds(expansion, text, page_language, site), (expansion, abbreviation)


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_abbreviation_with_a_kyrgyz_ending_is_the_abbreviation(row):
    cyrillic = [text for _, text in row_entries(row, "abbreviations") if "а" <= text[-1].lower() <= "я"]
    written = [form for text in cyrillic for form in suffixed(text)] + list(row["inflected"])
    for inflected in written:
        assert finds(inflected, *page("ky", row_forms(row, "expansions")[0])), inflected
        assert finds(row_forms(row, "abbreviations")[0], *page("ky", inflected)), inflected


def test_abbreviation_meets_no_common_word_of_the_seed_articles():
    listed = {term(text, "ky") for row in ROWS for text in row_forms(row, "abbreviations")}
    sentences = [value for name, value in vars(seed_text).items() if name.isupper()]
    for part in {part for text in sentences for word in words(text) for part in word.parts}:
        if listed_abbreviation(part) or is_written_as_abbreviation(part):
            continue
        assert term(part, "ky") not in listed, part
        assert term(part, "ru") not in listed, part


def test_listed_abbreviation_needs_a_whole_ending_after_it():
    assert listed_abbreviation("мсзнын") == "мсз"
    assert listed_abbreviation("Минфинде") == "минфин"
    # «офисте» starts like ОФ, «буудай» (wheat) like БУУ, but -исте, -дай are no endings.
    assert listed_abbreviation("офисте") is None
    assert listed_abbreviation("буудай") is None


def test_short_words_in_capitals_are_abbreviations_and_headings_are_words():
    # ЖОЖ (a university) is not in the table, but four capitals or fewer are kept.
    assert term("ЖОЖ", "ky") == "жож"
    # Seed 002 has a heading in capitals: its words are stemmed like any others.
    assert term("КӨРСӨТҮҮЛӨР", "ky") == term("көрсөтүү", "ky") == stem("көрсөтүүлөр")
    assert finds("социалдык кызмат көрсөтүү", "СОЦИАЛДЫК КЫЗМАТ КӨРСӨТҮҮЛӨР")
    # Surnames in capitals are not abbreviations either.
    assert not is_written_as_abbreviation("МУСАЕВА")
