"""Search requests for the Elasticsearch engine, built to give the database engine's answers.

The database engine matches prefixed terms (fulltext.py) such as «kyбала»: a
term counts in a page's own text only when it belongs to the page's language,
while place names match in any language. Here the page language is a keyword
field instead, so the same rule becomes one clause per page language:

    for each page language L (restricted to language L):
        enough groups must match (algorithm.MatchPlan), a group matching when
            one of its L-alternatives is in title^10, summary^4, keywords^3 or body,
            or any of its alternatives is in places^2

and the score adds each matched group's coverage to BM25, as algorithm.py says.

Counting runs the same rule over the cases (elastic_index.py), each with every
language's text in fields of its own, without scoring: the number of cases
found and each facet value's count of cases are document counts. Hits and
counts go to the cluster in one multi-search.

A facet's counts ignore the filter on that facet: they show what choosing a
value would give.
"""

from elasticsearch.dsl import MultiSearch, Q, Search

from search.engines.algorithm import COVERAGE_WEIGHT, OWN_LANGUAGE_BOOST, WEAK_SHARE, in_places
from search.engines.base import FACET_FIELDS, FACETS, PAGE_LANGUAGES
from search.engines.elastic_index import CASE, case_field

FIELD_BOOSTS = (("title", 10), ("summary", 4), ("keywords", 3), ("body", 1))
PLACES_BOOST = 2
# More than the municipalities of Kyrgyzstan: every value gets its count.
FACET_VALUES = 1000
# One version per page language, and a margin for duplicates.
VERSIONS = 5


def in_language(alternatives, language):
    """The alternatives' terms that can occur in the text of a page in `language`."""
    return list(dict.fromkeys(terms for terms, languages in alternatives if language in languages))


def alternative_query(terms, field, boost):
    # The terms are already analysed; one term is matched as it is, several as a phrase.
    if len(terms) == 1:
        return Q("term", **{field: {"value": terms[0], "boost": boost}})
    return Q("match_phrase", **{field: {"query": " ".join(terms), "boost": boost}})


def alternatives_query(alternatives, language, text=True, places="any"):
    """A page in `language` holding one of the alternatives: in its text, weighted by field, or in a place name.

    `places` as for the database engine (fulltext.SQLiteDialect.alternatives).
    """
    should = [
        alternative_query(terms, field, boost)
        for terms in (in_language(alternatives, language) if text else ())
        for field, boost in FIELD_BOOSTS
    ]
    if places:
        should += [
            alternative_query(terms, "places", PLACES_BOOST)
            for terms in in_places(alternatives, whole=places == "whole")
        ]
    return Q("bool", should=should, minimum_should_match=1)


def _enough(clauses, plan):
    """Every required clause, and enough of the others for the plan's minimum."""
    required = [clause for index, clause in enumerate(clauses) if index in plan.required]
    optional = [clause for index, clause in enumerate(clauses) if index not in plan.required]
    needed = plan.minimum - len(required)
    if needed <= 0 or not optional:
        return Q("bool", must=required)
    return Q("bool", must=required, should=optional, minimum_should_match=needed)


def _per_language(query_for_language):
    return Q("bool", should=[
        Q("bool", must=[query_for_language(language)], filter=[Q("term", language=language)])
        for language in PAGE_LANGUAGES
    ], minimum_should_match=1)


def _group_alternatives(alternatives):
    return [(*group.own, *group.lexical) for group in alternatives]


def _boosted(query, reader_language):
    return Q(
        "function_score", query=query,
        functions=[{"filter": Q("term", language=reader_language), "weight": OWN_LANGUAGE_BOOST}],
        boost_mode="multiply",
    )


def strict_query(plan, reader_language):
    """Pages with every group strongly (the reader's own words, whole place names), by BM25; None if
    a group has nothing strong. On them coverage is the same, so BM25 alone ranks them."""
    alternatives = plan.alternatives()
    if not all(group.own for group in alternatives):
        return None
    matching = _per_language(lambda language: Q("bool", must=[
        alternatives_query(group.own, language, places="whole") for group in alternatives
    ]))
    return _boosted(matching, reader_language)


def text_query(plan, reader_language, coverage=True):
    """Pages in any language with enough of the plan's groups, coverage first, then BM25.

    Each group adds COVERAGE_WEIGHT when the page has one of the reader's own
    alternatives, a WEAK_SHARE of it when only a lexicon translation, as in the
    database engine (algorithm.py).
    """
    alternatives = plan.alternatives()
    either = _group_alternatives(alternatives)
    matching = _per_language(
        lambda language: _enough([alternatives_query(group, language) for group in either], plan)
    )
    scored = _boosted(matching, reader_language)
    if not coverage:
        return scored
    coverage = []
    for group in alternatives:
        # Strong: the reader's own words in the text or as whole words of a place name.
        strong = None
        if group.own:
            strong = _per_language(lambda language, own=group.own: alternatives_query(own, language, places="whole"))
            coverage.append({"filter": strong, "weight": COVERAGE_WEIGHT})
        # Weak: the lexicon's translations anywhere, the own words inside compound place names.
        weak = []
        if group.lexical:
            weak.append(_per_language(lambda language, lexical=group.lexical: alternatives_query(lexical, language)))
        if group.own:
            weak.append(alternatives_query(group.own, "", text=False))
        weak = Q("bool", should=weak, minimum_should_match=1)
        only_weak = Q("bool", filter=[weak], must_not=[strong]) if strong is not None else weak
        coverage.append({"filter": only_weak, "weight": COVERAGE_WEIGHT * WEAK_SHARE})
    return Q("function_score", query=scored, functions=coverage, score_mode="sum", boost_mode="sum")


def active_filters(filters):
    return {name: str(value) for name, value in filters.items() if name in FACETS and value}


def _filter_query(filters, skip=None):
    clauses = [Q("term", **{FACET_FIELDS[name]: value}) for name, value in filters.items() if name != skip]
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def case_alternatives_query(alternatives, language, places="any"):
    """Whether a case's `language` text, or its place names, has one of the alternatives."""
    should = [alternative_query(terms, case_field(language), 1) for terms in in_language(alternatives, language)]
    should += [
        alternative_query(terms, "case_places", 1) for terms in in_places(alternatives, whole=places == "whole")
    ]
    return Q("bool", should=should, minimum_should_match=1)


def case_text_query(plan):
    """Cases with a version having enough of the plan's groups, by the same rule as pages, unscored."""
    either = _group_alternatives(plan.alternatives())
    per_language = [
        _enough([case_alternatives_query(group, language) for group in either], plan) for language in PAGE_LANGUAGES
    ]
    return Q("bool", filter=[Q("term", kind=CASE), Q("bool", should=per_language, minimum_should_match=1)])


def case_strict_query(plan):
    """Cases with a version having every group strongly, as `strict_query` for pages; None likewise."""
    alternatives = plan.alternatives()
    if not all(group.own for group in alternatives):
        return None
    per_language = [
        Q("bool", must=[case_alternatives_query(group.own, language, places="whole") for group in alternatives])
        for language in PAGE_LANGUAGES
    ]
    return Q("bool", filter=[Q("term", kind=CASE), Q("bool", should=per_language, minimum_should_match=1)])


def hits_request(client, alias, query, plan, strict=False):
    """One page of cases for `query`: the best matching page of each, best first.

    `strict` asks only for pages with every group strongly (`strict_query`),
    for when those fill the pages up to this one: a lighter query, as
    coverage needs no computing.
    """
    filters = active_filters(query.filters)
    start = (query.page - 1) * query.per_page
    search = (
        Search(using=client, index=alias)
        .query(strict_query(plan, query.language) if strict else text_query(plan, query.language))
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


def counts_request(client, alias, query, plan):
    """The number of cases found and the facet counts, as document counts over the cases."""
    filters = active_filters(query.filters)
    search = Search(using=client, index=alias).query(case_text_query(plan)).extra(
        size=0, track_total_hits=False,
    )
    # The total with the filters, and how many of those have every group strongly.
    search.aggs.bucket("cases", "filter", _filter_query(filters))
    strict = case_strict_query(plan)
    if strict is not None:
        search.aggs.bucket("strict", "filter", Q("bool", filter=[_filter_query(filters), strict]))
    for name in FACETS:
        search.aggs.bucket(f"facet_{name}", "filter", _filter_query(filters, skip=name)).bucket(
            "values", "terms", field=FACET_FIELDS[name], size=FACET_VALUES
        )
    return search


def search_requests(client, alias, query, plan, strict=False):
    """Hits and counts in one round trip; the cluster runs them side by side."""
    return MultiSearch(using=client, index=alias).add(hits_request(client, alias, query, plan, strict)).add(
        counts_request(client, alias, query, plan)
    )


def total_cases(counts):
    return int(counts["aggregations"]["cases"]["doc_count"])


def strict_cases(counts):
    """Cases within the filters having every group strongly (0 when a group has nothing strong)."""
    return int(counts["aggregations"].get("strict", {}).get("doc_count", 0))


def facet_counts(counts):
    aggregations = counts["aggregations"]
    return {
        name: {bucket["key"]: int(bucket["doc_count"]) for bucket in aggregations[f"facet_{name}"]["values"]["buckets"]}
        for name in FACETS
    }


def versions_request(client, alias, query, plan, keys):
    """The matching versions of the cases `keys`: what the reader sees for each case on this page."""
    return (
        Search(using=client, index=alias)
        # Which version stands for a case needs no coverage: the case's rank is already known.
        .query(text_query(plan, query.language, coverage=False))
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
