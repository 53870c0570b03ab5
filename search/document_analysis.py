"""A document's text turned into index terms, once, before it reaches an engine.

While Elasticsearch is configured the database engine is kept current beside
it, so every change goes to two engines; both store the terms of one analysis,
which is also what holds them to the same matches (tests/search/engines/contract.py).
Each engine only chooses how to store them: the database engine glues the page's
language in front of a term (fulltext.py), Elasticsearch keeps a field per kind.

Plain data, no pages: the engines import this module, and page types stay in
search/documents.py.
"""

from dataclasses import dataclass

from search.analysis import analyze
from search.analysis.terms import joined_term, part_terms
from search.analysis.tokenize import split_token, tokens


@dataclass(frozen=True)
class DocumentTerms:
    """Each searchable field's index terms, in order: a phrase is a run of consecutive terms."""

    title: tuple[str, ...]
    summary: tuple[str, ...]
    body: tuple[str, ...]
    keywords: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True)
class AnalyzedDocument:
    """A `SearchDocument` (search/documents.py) with its terms: what an engine stores."""

    document: object
    terms: DocumentTerms

    @property
    def page_id(self):
        return self.document.page_id


# Marks a place term as a whole word of a place name, not a part of a compound one.
WHOLE_PLACE = "0"


def place_terms(text):
    """Place names analysed as Kyrgyz and as Russian, each term once, then each whole word marked.

    Whatever the page's language: a reader types «Баткенской области» on the Kyrgyz site too.
    The terms of every word and compound part come in order, so a phrase such as
    «Ысык-Көл облусу» matches. A whole word, or a compound as written together,
    comes again with `WHOLE_PLACE` in front: a query word matching one of those
    names the place, while «суу» matching only inside «Кара-Суу» is a weaker
    match (engines/algorithm.py).
    """
    terms = analyze(text, "ky") + analyze(text, "ru")
    whole = [
        WHOLE_PLACE + term
        for language in ("ky", "ru")
        for token in tokens(text)
        for word in split_token(token)
        if (term := joined_term(word, language) if word.is_compound else next(iter(part_terms(word, language)), None))
    ]
    return tuple(dict.fromkeys(terms + whole))


def analyze_document(document):
    """A `SearchDocument`'s terms: its own fields in its language, the place names in both."""
    language = document.language
    return AnalyzedDocument(
        document=document,
        terms=DocumentTerms(
            title=tuple(analyze(document.title, language)),
            summary=tuple(analyze(document.summary, language)),
            body=tuple(analyze(document.body, language)),
            keywords=tuple(analyze(document.keywords, language)),
            places=place_terms(document.places),
        ),
    )


def analyzed(document):
    """`document` as an `AnalyzedDocument`; one analysed already is taken as it is."""
    return document if isinstance(document, AnalyzedDocument) else analyze_document(document)
