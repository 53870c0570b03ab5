"""Text analysis shared by the portal's search engines, at index time and at query time.

Plain Python, no Django: see `pipeline` for the entry points.
"""

from search.analysis.language import guess_language
from search.analysis.pipeline import AnalyzedQuery, QueryGroup, analyze, analyze_query
from search.analysis.synonyms import SynonymTable, build_synonyms

__all__ = [
    "AnalyzedQuery",
    "QueryGroup",
    "SynonymTable",
    "analyze",
    "analyze_query",
    "build_synonyms",
    "guess_language",
]
