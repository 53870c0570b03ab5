"""Search requests for the Elasticsearch engine, built to give the database engine's answers.

The database engine matches prefixed terms (fulltext.py) such as «kyбала»: a
term counts in a page's own text only when it belongs to the page's language,
while place names match in any language. Here the page language is a keyword
field instead, so the same rule becomes one clause per page language:

    for each page language L (restricted to language L):
        every group must match, a group matching when
            one of its L-alternatives is in title^10, summary^4, keywords^3 or body,
            or any of its alternatives is in places^2

Counting runs the same rule over the cases (elastic_index.py), each with every
language's text in fields of its own, without scoring: the number of cases
found and each facet value's count of cases are document counts. Hits and
counts go to the cluster in one multi-search.

A facet's counts ignore the filter on that facet: they show what choosing a
value would give.
"""

from elasticsearch.dsl import MultiSearch, Q, Search

from search.engines.base import FACET_FIELDS, FACETS
from search.engines.elastic_index import CASE, case_field
from search.engines.fulltext import PAGE_LANGUAGES
from search.engines.snapshot import OWN_LANGUAGE_BOOST

FIELD_BOOSTS = (("title", 10), ("summary", 4), ("keywords", 3), ("body", 1))
PLACES_BOOST = 2
# More than the municipalities of Kyrgyzstan: every value gets its count.
FACET_VALUES = 1000
# One version per page language, and a margin for duplicates.
VERSIONS = 5


def own_alternatives(group, language):
    """The group's alternatives that can occur in the text of a page in `language`."""
    return [
        alternative
        for alternative, languages in zip(group.alternatives, group.languages, strict=True)
        if language in languages
    ]


def alternative_query(terms, field, boost):
    # The terms are already analysed; one term is matched as it is, several as a phrase.
    if len(terms) == 1:
        return Q("term", **{field: {"value": terms[0], "boost": boost}})
    return Q("match_phrase", **{field: {"query": " ".join(terms), "boost": boost}})


def group_query(group, language):
    should = [
        alternative_query(terms, field, boost)
        for terms in own_alternatives(group, language)
        for field, boost in FIELD_BOOSTS
    ]
    should += [alternative_query(terms, "places", PLACES_BOOST) for terms in group.alternatives]
    return Q("bool", should=should, minimum_should_match=1)


def text_query(analyzed, reader_language, any_word=False):
    """Pages in any language matching the query; `any_word` asks for any group instead of all."""
    per_language = []
    for language in PAGE_LANGUAGES:
        groups = [group_query(group, language) for group in analyzed.groups]
        if any_word:
            # More groups matched, more clauses scored: pages with most words come first.
            matching = Q("bool", should=groups, minimum_should_match=1)
        else:
            matching = Q("bool", must=groups)
        per_language.append(Q("bool", must=[matching], filter=[Q("term", language=language)]))
    return Q(
        "function_score",
        query=Q("bool", should=per_language, minimum_should_match=1),
        # Readers read their own language first, but a better match in another still shows.
        functions=[{"filter": Q("term", language=reader_language), "weight": OWN_LANGUAGE_BOOST}],
        boost_mode="multiply",
    )


def active_filters(filters):
    return {name: str(value) for name, value in filters.items() if name in FACETS and value}


def _filter_query(filters, skip=None):
    clauses = [Q("term", **{FACET_FIELDS[name]: value}) for name, value in filters.items() if name != skip]
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def case_group_query(group, language):
    """Whether a case's `language` text, or its place names, has one of the group's alternatives."""
    should = [alternative_query(terms, case_field(language), 1) for terms in own_alternatives(group, language)]
    should += [alternative_query(terms, "case_places", 1) for terms in group.alternatives]
    return Q("bool", should=should, minimum_should_match=1)


def case_text_query(analyzed, any_word=False):
    """Cases with a version matching the query, by the same rule as pages, unscored."""
    per_language = []
    for language in PAGE_LANGUAGES:
        groups = [case_group_query(group, language) for group in analyzed.groups]
        if any_word:
            per_language.append(Q("bool", should=groups, minimum_should_match=1))
        else:
            per_language.append(Q("bool", must=groups))
    return Q("bool", filter=[Q("term", kind=CASE), Q("bool", should=per_language, minimum_should_match=1)])


def hits_request(client, alias, query, any_word=False):
    """One page of cases for `query`: the best matching page of each, best first."""
    filters = active_filters(query.filters)
    start = (query.page - 1) * query.per_page
    search = (
        Search(using=client, index=alias)
        .query(text_query(query.analyzed, query.language, any_word))
        .sort({"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}})
        # Translations of one case come as one hit. Inner hits would run the query
        # again per hit; versions_request fetches every hit's versions at once instead.
        .collapse("translation_key")
        .source(False)
        .extra(from_=start, size=query.per_page, track_total_hits=False)
    )
    if filters:
        search = search.filter(_filter_query(filters))
    return search


def counts_request(client, alias, query, any_word=False):
    """The number of cases found and the facet counts, as document counts over the cases."""
    filters = active_filters(query.filters)
    search = Search(using=client, index=alias).query(case_text_query(query.analyzed, any_word)).extra(
        size=0, track_total_hits=False,
    )
    # `matched` tells whether any case has every word (else the query is relaxed),
    # `cases` is the total with the filters.
    search.aggs.bucket("matched", "filter", Q("match_all"))
    search.aggs.bucket("cases", "filter", _filter_query(filters))
    for name in FACETS:
        search.aggs.bucket(f"facet_{name}", "filter", _filter_query(filters, skip=name)).bucket(
            "values", "terms", field=FACET_FIELDS[name], size=FACET_VALUES
        )
    return search


def search_requests(client, alias, query, any_word=False):
    """Hits and counts in one round trip; the cluster runs them side by side."""
    return MultiSearch(using=client, index=alias).add(hits_request(client, alias, query, any_word)).add(
        counts_request(client, alias, query, any_word)
    )


def matched_any(counts):
    """Whether any case matched the text, before facet filters."""
    return counts["aggregations"]["matched"]["doc_count"] > 0


def total_cases(counts):
    return int(counts["aggregations"]["cases"]["doc_count"])


def facet_counts(counts):
    aggregations = counts["aggregations"]
    return {
        name: {bucket["key"]: int(bucket["doc_count"]) for bucket in aggregations[f"facet_{name}"]["values"]["buckets"]}
        for name in FACETS
    }


def versions_request(client, alias, query, keys, any_word=False):
    """The matching versions of the cases `keys`: what the reader sees for each case on this page."""
    return (
        Search(using=client, index=alias)
        .query(text_query(query.analyzed, query.language, any_word))
        .filter("terms", translation_key=list(keys))
        .source(["language", "translation_key", "original"])
        .extra(size=len(keys) * VERSIONS, track_total_hits=False)
    )


def case_versions(body, reader_language):
    """{case: [(page id, language, score, original text), ...]}, the reader's language first.

    The reader-language version stands for the case when it matched, else the best match.
    """
    cases = {}
    for version in body["hits"]["hits"]:
        source = version["_source"]
        cases.setdefault(source["translation_key"], []).append(
            (int(version["_id"]), source["language"], version["_score"] or 0.0, source["original"])
        )
    for versions in cases.values():
        versions.sort(key=lambda version: (version[1] != reader_language, -version[2]))
    return cases


def completion_request(client, alias, folded_prefix, reader_language, size):
    """Documents with a name starting with the prefix, those in the reader's language first.

    The suggester gives one option per document, so duplicates are kept: two
    practices in one ayil aimak share its name but may differ in their titles.
    """
    contexts = [
        {"context": language, "boost": 2 if language == reader_language else 1} for language in PAGE_LANGUAGES
    ]
    return (
        Search(using=client, index=alias)
        .source(["original.suggestions", "language"])
        .suggest(
            "names", folded_prefix,
            completion={"field": "suggest", "size": size, "contexts": {"language": contexts}},
        )
        .extra(size=0)
    )
