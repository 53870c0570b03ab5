"""A relevance set over the demo content, and the measures that score an engine on it."""

import json
import math
from pathlib import Path

JUDGMENTS = Path(__file__).resolve().parent / "judgments.json"
CUTOFF = 10


def load_judgments(path=JUDGMENTS):
    return json.loads(Path(path).read_text("utf-8"))["queries"]


def recall_at(ranked, relevant, k=CUTOFF):
    relevant = set(relevant)
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def ndcg_at(ranked, relevant, k=CUTOFF):
    """Binary-gain nDCG: 1 for a relevant result, discounted by log2 of its rank + 1."""
    relevant = set(relevant)
    dcg = sum(1 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def unique_in_order(items):
    return list(dict.fromkeys(item for item in items if item))
