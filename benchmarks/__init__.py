"""Measuring the search: relevance on judged queries and latency on a generated corpus.

Development and test settings install this app; production does not, so its
commands (`evaluate_search`, `benchmark_search`, which empties the index) are
not there to run against a live portal, and nothing the portal serves imports it.
"""
