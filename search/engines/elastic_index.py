"""The Elasticsearch index of the portal: its names, its mapping, and what a document looks like in it.

Readers and writers only ever use the alias `{INDEX_PREFIX}-practices`. Behind it
sits one versioned index, `{INDEX_PREFIX}-practices-v{timestamp}`. A reset or a
rebuild fills a new versioned index while the old one keeps answering, then moves
the alias in one `update_aliases` call (atomic in Elasticsearch) and deletes the
old index, so readers never see an empty or half-built index.

The mapping needs nothing beyond what every Elasticsearch 8 or 9 cluster has:
text is analysed in Python (search/analysis) exactly as for the database engine,
so the text fields hold the space-joined terms and use the `whitespace` analyzer.

The index holds two kinds of document. A "page" is one language version of a
practice: it is what a query scores, ranks and shows. A "case" is the practice
with all its versions: each language's text in its own fields and the facet
values once, so the number of cases found and the facet counts are plain
document counts (a terms aggregation) rather than a distinct count of the
pages' cases per facet value, which took most of a search's time at 100,000
pages. Writers keep a case in step with its pages (elastic.py).
"""

import datetime

from elasticsearch.dsl import Completion, Date, Index, Keyword, Mapping, Object, Text

from search.analysis.normalize import fold
from search.engines.algorithm import name_matches
from search.engines.base import FACET_FIELDS, PAGE_LANGUAGES

TEXT_FIELDS = ("title", "summary", "body", "keywords")
PAGE, CASE = "page", "case"
# Raised when the mapping changes: an index made by an older version needs a rebuild.
MAPPING_VERSION = 4


def alias_name(prefix):
    return f"{prefix}-practices"


def new_index_name(prefix):
    # Microseconds, so a reset right after another still gets a fresh name.
    return f"{alias_name(prefix)}-v{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"


def versioned_pattern(prefix):
    """Every versioned index of this prefix, also those a failed rebuild left behind."""
    return f"{alias_name(prefix)}-v*"


def practices_mapping():
    mapping = Mapping()
    # A typo in a field name must fail loudly, not create a field nobody queries.
    mapping.meta("dynamic", "strict")
    mapping.meta("_meta", {"mapping_version": MAPPING_VERSION})
    mapping.field("kind", Keyword())
    for name in (*TEXT_FIELDS, "places"):
        mapping.field(name, Text(analyzer="whitespace"))
    # A case's text per language, and its place names: fields of their own, so the
    # pages' term statistics, and so their scores, are the same as without cases.
    # Counting needs no field weights, so each language's title, summary, body and
    # keywords go in one field, as an array: the gap Elasticsearch leaves between
    # array values keeps a phrase from matching across two of them.
    for name in (*case_text_fields(), "case_places"):
        mapping.field(name, Text(analyzer="whitespace", position_increment_gap=100))
    mapping.field("language", Keyword())
    mapping.field("translation_key", Keyword())
    for field in FACET_FIELDS.values():
        mapping.field(field, Keyword())
    mapping.field("published_at", Date())
    # The original text is only read back for snippets (made in Python), never searched.
    mapping.field("original", Object(enabled=False))
    mapping.field(
        "suggest",
        Completion(
            # Inputs are folded in Python; `keyword` keeps them whole, so «Кара-Таш» and
            # digits survive (the default `simple` analyzer would split and drop them).
            analyzer="keyword",
            max_input_length=200,
            contexts=[{"name": "language", "type": "category", "path": "language"}],
        ),
    )
    return mapping


def case_text_fields():
    return [case_field(language) for language in PAGE_LANGUAGES]


def case_field(language):
    return f"text_{language}"


def create_index(client, name, replicas=0):
    index = Index(name, using=client)
    # One shard: the index is small, and BM25 statistics over one shard rank the same
    # page the same way whatever shard it landed on.
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.mapping(practices_mapping())
    index.create()
    return name


def suggestion_inputs(names):
    """Each name folded, from every word on, as the database engine matches a word start."""
    inputs = []
    for name in names:
        words = fold(name).split(" ")
        inputs += [" ".join(words[start:]) for start in range(len(words)) if words[start]]
    return list(dict.fromkeys(inputs))


def names_matching(folded_prefix, names):
    """The names in which a word starts with what the reader typed, as the database engine matches.

    The completion suggester finds a document by one of its inputs only; its other
    names may match too (a title and a municipality both starting «Кат»).
    """
    return [name for name in names if name_matches(folded_prefix, fold(name))]


def _values(value):
    values = (value,) if isinstance(value, str | int) else value
    return [str(item) for item in values if item]


def source_for(analyzed_document):
    """The stored form of an `AnalyzedDocument`: its terms, facet values and the original text."""
    doc, terms = analyzed_document.document, analyzed_document.terms
    source = {name: " ".join(getattr(terms, name)) for name in (*TEXT_FIELDS, "places")}
    source["kind"] = PAGE
    source["language"] = doc.language
    source["translation_key"] = doc.translation_key
    for field in FACET_FIELDS.values():
        source[field] = _values(getattr(doc, field))
    source["published_at"] = doc.published_at
    source["original"] = {
        "title": doc.title, "summary": doc.summary, "body": doc.body, "suggestions": list(doc.suggestions),
    }
    inputs = suggestion_inputs(doc.suggestions)
    if inputs:
        source["suggest"] = {"input": inputs}
    return source


def case_id(translation_key):
    return f"case-{translation_key}"


def case_source(translation_key, versions):
    """A case's document from the stored sources of its pages (one per language)."""
    source = {"kind": CASE, "translation_key": translation_key}
    places = []
    for version in versions:
        language = version.get("language")
        if language in PAGE_LANGUAGES:
            source[case_field(language)] = [version.get(name, "") for name in TEXT_FIELDS]
        places += (version.get("places") or "").split()
    source["case_places"] = " ".join(dict.fromkeys(places))
    for field in FACET_FIELDS.values():
        source[field] = sorted({value for version in versions for value in version.get(field) or ()})
    return source


# What a case is made of: read back from the pages already in the index.
VERSION_SOURCE_FIELDS = ["language", "translation_key", *TEXT_FIELDS, "places", *FACET_FIELDS.values()]
