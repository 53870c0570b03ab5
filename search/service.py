"""Running a query against the configured engine, with the database engine as the fallback."""

import dataclasses
import logging

from search.engines import FALLBACK, engine_settings, get_engine
from search.engines.base import EngineUnavailable, SearchResults
from search.query import analyzed_text
from search.suggest import corrected_query

logger = logging.getLogger(__name__)


def run_search(query):
    """Results for `query`, with a corrected query to suggest when it found nothing or only some words.

    The suggestion is offered only when it finds pages that have all its words.
    """
    results = _engine_results(query)
    if query.text and (results.total == 0 or results.relaxed) and results.engine != "unavailable":
        suggestion = corrected_query(query.text)
        if suggestion:
            better = _engine_results(dataclasses.replace(
                query, text=suggestion, analyzed=analyzed_text(suggestion, query.language), page=1,
            ))
            if better.total and not better.relaxed:
                results = dataclasses.replace(results, suggestion=suggestion)
    return results


def _engine_results(query):
    """Results from the configured engine; from the database engine if that one fails.

    A reader never sees an error page because a search cluster is down: the
    failure is logged and the database answers.
    """
    configured = engine_settings()["ENGINE"]
    try:
        return get_engine().search(query)
    except EngineUnavailable as error:
        if configured == FALLBACK:
            logger.error("Search failed: %s", error)
            return SearchResults.empty("unavailable")
        logger.warning("Search engine %s unavailable, answering from the database: %s", configured, error)
    try:
        return get_engine(FALLBACK).search(query)
    except EngineUnavailable as error:
        logger.error("Database search failed too: %s", error)
        return SearchResults.empty("unavailable")


def run_autocomplete(prefix, language):
    try:
        return get_engine().autocomplete(prefix, language)
    except EngineUnavailable:
        return get_engine(FALLBACK).autocomplete(prefix, language)
