import pytest

from benchmarks.relevance import load_judgments, ndcg_at, recall_at
from practices.reference import read


def test_recall_counts_relevant_items_in_the_top_ten():
    assert recall_at(["a", "x", "b"], ["a", "b", "c", "d"]) == 0.5
    assert recall_at(["x"] * 10 + ["a"], ["a"]) == 0.0


def test_ndcg_rewards_relevant_items_ranked_higher():
    assert ndcg_at(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert ndcg_at(["x", "a"], ["a"]) < ndcg_at(["a", "x"], ["a"])
    assert ndcg_at([], ["a"]) == 0.0


def test_relevance_set_is_large_and_points_at_demo_practices():
    from portal.management.commands.load_demo_content import demo_dataset

    judgments = load_judgments()
    assert len(judgments) >= 40
    assert {item["kind"] for item in judgments} >= {
        "inflected", "abbreviation", "folded", "cross-language", "place"}
    assert {item["language"] for item in judgments} >= {"ky", "ru"}
    _, records, _ = demo_dataset()
    known = {record["external_id"] for record in records}
    for item in judgments:
        assert set(item["relevant"]) <= known, item["query"]
    assert read("oblasts")
