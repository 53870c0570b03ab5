"""The relevance set's shape, and the measures that score an engine on it."""

import json
from collections import Counter

import pytest

from benchmarks.relevance import JUDGMENTS, agree, jaccard, load_judgments, ndcg_at, recall_at
from practices.reference import read
from search.query import SLUG_FACETS

# Each facet a judgment may filter on, and the reference data its values come from.
REFERENCE = {
    "oblast": "oblasts",
    "rayon": "rayons",
    "municipality": "municipalities",
    "service": "service_types",
    "funding": "funding_mechanisms",
    "group": "beneficiary_groups",
}
NEW_KINDS = {
    "partial", "abbreviation-suffixed", "cross-language-untranslated", "verb-forms", "filtered-relax",
    "cross-language-ky-only", "cross-language-ru-only",
}
# Kinds whose queries must reach a practice written in one language alone, and that language.
ONE_LANGUAGE_KINDS = {"cross-language-ky-only": "ky", "cross-language-ru-only": "ru"}


@pytest.fixture(scope="module")
def demo_cases():
    """Each demo practice's versions, by external id: {language: record}."""
    from portal.management.commands.load_demo_content import demo_dataset

    _, records, _ = demo_dataset()
    cases = {}
    for record in records:
        cases.setdefault(record["external_id"], {})[record["language"]] = record
    return cases


def test_recall_counts_relevant_items_in_the_top_ten():
    assert recall_at(["a", "x", "b"], ["a", "b", "c", "d"]) == 0.5
    assert recall_at(["x"] * 10 + ["a"], ["a"]) == 0.0
    # More relevant items than a page holds: a page of them is all recall@10 asks.
    many = [f"p{number}" for number in range(13)]
    assert recall_at(many[:10], many) == 1.0
    assert recall_at(many[:9] + ["x"], many) == 0.9


def test_ndcg_rewards_relevant_items_ranked_higher():
    assert ndcg_at(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert ndcg_at(["x", "a"], ["a"]) < ndcg_at(["a", "x"], ["a"])
    assert ndcg_at([], ["a"]) == 0.0


def test_engines_agree_when_their_top_ten_sets_mostly_overlap():
    assert jaccard(["a", "b", "c", "d", "e"], ["e", "d", "c", "b", "a"]) == 1.0
    assert agree(list("abcdefghi"), list("abcdefghij"))
    assert not agree(["a", "b"], ["a", "b", "c"])
    assert agree([], [])


def test_every_query_is_complete_and_asked_once():
    judgments = load_judgments()
    assert len(judgments) >= 100
    for item in judgments:
        assert set(item) <= {"query", "language", "kind", "filters", "relevant"}, item
        assert item["query"].strip() and item["language"] in {"ky", "ru", "en"}, item
        assert item["relevant"] and len(set(item["relevant"])) == len(item["relevant"]), item["query"]
    asked = Counter((item["query"], tuple(sorted(item.get("filters", {}).items()))) for item in judgments)
    assert [query for query, count in asked.items() if count > 1] == []


def test_every_kind_is_described_and_the_new_kinds_have_eight_queries_or_more():
    described = json.loads(JUDGMENTS.read_text("utf-8"))["kinds"]
    counts = Counter(item["kind"] for item in load_judgments())
    assert set(counts) == set(described)
    assert {kind: counts[kind] for kind in NEW_KINDS if counts[kind] < 8} == {}


def test_relevant_practices_exist_in_the_demo_content(demo_cases):
    for item in load_judgments():
        assert set(item["relevant"]) <= set(demo_cases), item["query"]


def test_filters_name_facets_and_reference_values_that_hold_every_relevant_practice(demo_cases):
    filtered = [item for item in load_judgments() if item.get("filters")]
    assert filtered
    for item in filtered:
        for name, value in item["filters"].items():
            assert name in SLUG_FACETS and name in REFERENCE, (item["query"], name)
            assert value in {row["slug"] for row in read(REFERENCE[name])}, (item["query"], value)
            for external_id in item["relevant"]:
                # Every version of a practice has the same places and services; some have no Kyrgyz one.
                record = next(iter(demo_cases[external_id].values()))
                if name == "service":
                    values = record["service_types"]
                else:
                    values = [location.get(name) for location in record["locations"]]
                assert value in values, (item["query"], external_id)


def test_untranslated_queries_point_at_practices_without_a_version_in_their_language(demo_cases):
    for item in load_judgments():
        if item["kind"] == "cross-language-untranslated":
            assert item["language"] != "ky"
            for external_id in item["relevant"]:
                assert item["language"] not in demo_cases[external_id], (item["query"], external_id)


def test_one_language_queries_point_at_practices_in_that_language_alone(demo_cases):
    asked = Counter()
    for item in load_judgments():
        original = ONE_LANGUAGE_KINDS.get(item["kind"])
        if original is None:
            continue
        asked[item["kind"]] += 1
        assert item["language"] != original, item["query"]
        for external_id in item["relevant"]:
            assert item["language"] not in demo_cases[external_id], (item["query"], external_id)
        alone = [external_id for external_id in item["relevant"] if set(demo_cases[external_id]) == {original}]
        assert alone, item["query"]
    assert set(asked) == set(ONE_LANGUAGE_KINDS)
