"""The Elasticsearch index of the portal: its names, its mapping, and what a document looks like in it.

Readers and writers only ever use the alias `{INDEX_PREFIX}-practices`. Behind it
sits one versioned index, `{INDEX_PREFIX}-practices-v{timestamp}`. A reset or a
rebuild fills a new versioned index while the old one keeps answering, then moves
the alias in one `update_aliases` call (atomic in Elasticsearch) and deletes the
old index, so readers never see an empty or half-built index.

The mapping needs nothing beyond what every Elasticsearch 8 or 9 cluster has:
text is analysed in Python (search/analysis) exactly as for the database engine,
so the text fields hold the space-joined terms and use the `whitespace` analyzer.
"""

import datetime

from elasticsearch.dsl import Completion, Date, Index, Keyword, Mapping, Object, Text

from search.analysis import analyze
from search.analysis.normalize import fold_keyboard, normalize
from search.engines.base import FACET_FIELDS
from search.engines.database import place_terms

TEXT_FIELDS = ("title", "summary", "body", "keywords")


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
    for name in (*TEXT_FIELDS, "places"):
        mapping.field(name, Text(analyzer="whitespace"))
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


def create_index(client, name, replicas=0):
    index = Index(name, using=client)
    # One shard: the index is small, and BM25 statistics over one shard rank the same
    # page the same way whatever shard it landed on.
    index.settings(number_of_shards=1, number_of_replicas=replicas)
    index.mapping(practices_mapping())
    index.create()
    return name


def fold(text):
    """Readers without a Kyrgyz keyboard type н, о, у for ң, ө, ү: both fold to one form."""
    return fold_keyboard(normalize(text))


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
    found = []
    for name in names:
        key = fold(name)
        if key.startswith(folded_prefix) or f" {folded_prefix}" in key:
            found.append(name)
    return found


def _values(value):
    values = (value,) if isinstance(value, str | int) else value
    return [str(item) for item in values if item]


def source_for(doc):
    """The stored form of a `SearchDocument`: analysed terms, facet values and the original text."""
    source = {
        name: " ".join(analyze(getattr(doc, name), doc.language)) for name in TEXT_FIELDS
    }
    # Place names are analysed as Kyrgyz and as Russian whatever the page's language:
    # a reader types «Баткенской области» on the Kyrgyz site too.
    source["places"] = place_terms(doc.places)
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
