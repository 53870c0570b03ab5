"""Snippets: the passage with most query words, the words marked, everything else escaped."""

from search.analysis import analyze_query
from search.snippets import highlight


def terms(text, language="ky"):
    return analyze_query(text, language).terms


def test_inflected_forms_are_marked_for_the_base_form():
    snippet = highlight("Бала бакчаларга барбаган балдар көп.", terms("бала"), "ky")
    assert snippet == "<mark>Бала</mark> бакчаларга барбаган <mark>балдар</mark> көп"


def test_html_in_the_text_is_escaped():
    snippet = highlight("<b>Жаңы</b> балдар & ата-энелер", terms("балдар"), "ky")
    assert snippet == "b&gt;Жаңы&lt;/b&gt; <mark>балдар</mark> &amp; ата-энелер"


def test_the_window_with_most_query_words_is_shown():
    filler = " ".join(["сөз"] * 40)
    text = f"суу {filler} суу түтүгү суу жана суу {filler}"
    snippet = highlight(text, terms("суу"), "ky", limit_words=10)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert snippet.count("<mark>") == 3


def test_without_a_match_the_text_starts_the_snippet():
    assert highlight("Шаар тургундары калдыктарды сорттоого үйрөнүштү.", terms("космос"), "ky") == (
        "Шаар тургундары калдыктарды сорттоого үйрөнүштү"
    )
    assert highlight("", terms("суу"), "ky") == ""
