"""From a reader's request to a `SearchQuery`: the one place queries are cleaned."""

from django.utils.translation import get_language

from search.analysis import analyze_query
from search.editorial import current_synonyms
from search.engines.base import FACETS, SearchQuery

MAX_QUERY_CHARACTERS = 200
MAX_PAGE = 1000
PER_PAGE = 10


def clean_query_text(raw):
    """Printable characters only, whitespace collapsed, at most 200 characters.

    Anything longer is a paste, not a query, and would only slow every engine down.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in str(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_CHARACTERS]


def analyzed_text(text, language):
    """The analysis of a reader's query: the one place queries are analysed.

    Editors' synonyms from the admin join the built-in ones here.
    """
    return analyze_query(text, language, synonyms=current_synonyms())


def page_number(raw):
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def build_query(params, language=None, per_page=PER_PAGE):
    language = language or get_language() or "ky"
    text = clean_query_text(params.get("q", ""))
    filters = {}
    for name in FACETS:
        value = clean_query_text(params.get(name, ""))[:100]
        if value:
            filters[name] = value
    return SearchQuery(
        text=text,
        analyzed=analyzed_text(text, language),
        language=language,
        filters=filters,
        page=page_number(params.get("page", 1)),
        per_page=per_page,
    )
