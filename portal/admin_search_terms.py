"""What the admin's search index holds and what a typed query matches there: the portal's analysis.

The admin's search (page search, listings, choosers) runs on Wagtail's database
backend, which matches words as they are written: «балдар» never meets «бала»,
«онугуу» never meets «өнүгүү», «детского сада» never meets «детский сад». Here
an object's text becomes the terms the public search indexes for it (stemmed,
letters folded, the page's language glued in front, search.engines.fulltext),
and a query becomes the public search's groups of alternatives over those
terms, editors' synonyms and lexicon included (search.query.analyzed_text).

The admin's search box finds as you type, so the query's last word also
matches as the beginning of a word written in a title: its folded words are
indexed as well (`written_words`).
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from portal.parsing import clean_query
from search.analysis import analyze, guess_language
from search.analysis.language import supported_language
from search.analysis.normalize import fold
from search.analysis.tokenize import words
from search.engines.fulltext import language_term, prefixed
from search.query import analyzed_text

_CLOSING_QUOTES = "\"»“”"


def indexed_terms(texts, language=None):
    """The terms of `texts` as the index holds them for a page in `language`, space-separated.

    Without a language (a document, an image) each text's language is guessed.
    """
    found = []
    for text in texts:
        code = supported_language(language) or guess_language(text)
        found += [language_term(code, term) for term in analyze(text, code)]
    return " ".join(found)


def written_words(texts):
    """Every word of `texts` as written, folded (ң ө ү as н о у) and lower-cased, space-separated."""
    return " ".join(_folded(text) for text in texts).strip()


def _folded(text):
    return " ".join(fold(part) for word in words(text) for part in word.parts)


@dataclass(frozen=True)
class Alternative:
    """What one alternative of a group matches: a term or a phrase of terms, or the start of written words."""

    text: str
    prefix: bool = False


def query_groups(text, *, last_word_prefix=False, quoted=False):
    """The groups of alternatives a query matches: every group must match, any one of its alternatives.

    Empty when nothing in `text` can be searched for (only symbols or stopwords),
    which then finds nothing. With `last_word_prefix`, the group of the last
    word typed also matches titles where that word is the start of a word
    (with the words before it in its group, as a phrase).
    """
    text = clean_query(text)
    if quoted:
        text = '"' + text.replace('"', " ") + '"'
    analysed = analyzed_text(text, get_language() or "ky")
    groups = [
        [Alternative(" ".join(terms)) for terms in prefixed(zip(group.alternatives, group.languages, strict=True))]
        for group in analysed.groups
    ]
    typed = words(text)
    if not last_word_prefix or not typed or text.endswith(tuple(_CLOSING_QUOTES)):
        return groups
    last = typed[-1].text
    if analysed.groups and not analysed.groups[-1].quoted and analysed.groups[-1].text.endswith(last):
        groups[-1].append(Alternative(_folded(analysed.groups[-1].text), prefix=True))
    else:
        # A stopword, left out of the analysis, may still be the start of another word.
        groups.append([Alternative(_folded(last), prefix=True)])
    return groups
