"""A relevance set over the demo content, and the measures that score an engine on it."""

import json
import math
from pathlib import Path

JUDGMENTS = Path(__file__).resolve().parent / "judgments.json"
CUTOFF = 10


def load_judgments(path=JUDGMENTS):
    return json.loads(Path(path).read_text("utf-8"))["queries"]


def recall_at(ranked, relevant, k=CUTOFF):
    """Relevant items in the top `k` over those that fit there: min(relevant, k).

    Capped recall, as BEIR reports it: a query with 13 relevant practices and
    a first page of 10 relevant ones has found all that one page can show,
    and scores 1, not 10/13.
    """
    relevant = set(relevant)
    return len(relevant & set(ranked[:k])) / min(len(relevant), k) if relevant else 0.0


def ndcg_at(ranked, relevant, k=CUTOFF):
    """Binary-gain nDCG: 1 for a relevant result, discounted by log2 of its rank + 1."""
    relevant = set(relevant)
    dcg = sum(1 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def unique_in_order(items):
    return list(dict.fromkeys(item for item in items if item))


# Two engines agree on a query when their top-ten sets of practices overlap this much
# (Jaccard: shared over either): 0.8 lets one practice in five or more differ, so ties
# broken differently at the tail do not count, while a missed or extra answer on a short
# list does.
AGREEMENT = 0.8


def jaccard(first, second):
    """Shared items over all items of two lists taken as sets; two empty lists are the same."""
    first, second = set(first), set(second)
    return len(first & second) / len(first | second) if first | second else 1.0


def agree(first, second, threshold=AGREEMENT):
    return jaccard(first, second) >= threshold
