"""Wagtail's database search backend for the admin, safe with any typed query.

On SQLite, modelsearch puts each typed word inside double quotes for FTS5
without doubling the quotes the word itself holds, so a search for «Алтын"
Бешик» or a lone " ends in "unterminated string" and a server error. Doubling
them is how FTS5 reads a quote inside a quoted word. PostgreSQL, and SQLite
without FTS5, get modelsearch's own backend unchanged.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import Phrase, PlainText


def _quotes_doubled(query):
    if isinstance(query, PlainText):
        return PlainText(query.query_string.replace('"', '""'), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace('"', '""'))
    # And, Or and Not come back here for each of their parts.
    return query


@cache
def _quoting_sqlite_backend_class():
    # The SQLite dialect looks up its FTS model when imported, and that model
    # exists only on SQLite, so it is imported only there.
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class QueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(_quotes_doubled(query), config=config)

    class AutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(_quotes_doubled(query), config=config)

    class QuotingSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return SQLiteSearchBackend, QuotingSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database_search_backend(params)
    if type(backend).__name__ != "SQLiteSearchBackend":
        return backend
    sqlite_backend, quoting_backend = _quoting_sqlite_backend_class()
    return quoting_backend(params) if type(backend) is sqlite_backend else backend
