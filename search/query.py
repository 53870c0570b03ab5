"""From a reader's request to a `SearchQuery`: the one place queries are cleaned."""

from django.utils.translation import get_language

from portal.parsing import clean_query, parse_int, parse_page_number, parse_slug
from practices.browse import SLUG_FACETS as CATALOGUE_SLUG_FACETS
from search.analysis import analyze_query
from search.editorial import current_lexicon, current_synonyms
from search.engines.base import FACETS, SearchQuery

PER_PAGE = 10
# Facets whose values are reference data slugs (the catalogue's own); the others are plain words.
SLUG_FACETS = tuple(CATALOGUE_SLUG_FACETS)


def analyzed_text(text, language):
    """The analysis of a reader's query: the one place queries are analysed.

    Editors' synonyms and lexicon rows from the admin join the built-in ones here.
    """
    return analyze_query(text, language, synonyms=current_synonyms(), lexicon=current_lexicon())


def facet_value(name, raw):
    """A facet filter's value as the engines store it, or "" when it cannot match anything."""
    if name in SLUG_FACETS:
        return parse_slug(raw) or ""
    if name == "year":
        year = parse_int(raw, minimum=1, maximum=9999)
        return "" if year is None else str(year)
    return clean_query(raw)[:100]


def build_query(params, language=None, per_page=PER_PAGE):
    language = language or get_language() or "ky"
    text = clean_query(params.get("q", ""))
    filters = {}
    for name in FACETS:
        value = facet_value(name, params.get(name, ""))
        if value:
            filters[name] = value
    return SearchQuery(
        text=text,
        analyzed=analyzed_text(text, language),
        language=language,
        filters=filters,
        page=parse_page_number(params.get("page", 1)),
        per_page=per_page,
    )
