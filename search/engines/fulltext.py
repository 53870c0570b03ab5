"""The two dialects of the database engine's full-text index: SQLite FTS5 and PostgreSQL.

Each spells a group's alternatives as one match expression for pages in every
language (`SQLiteDialect`, `PostgresDialect`), combines them (all of, any of),
and answers with the ids of the matching pages or (page id, score) pairs; the
database engine decides which expressions to run (database.py). Every term goes
in quoted, so nothing a reader types can become query syntax. The FTS5 table's `lang`
column is stored for inspection only; the language is part of each term.
"""

import numpy as np
from django.db import connection

from search.engines.algorithm import in_places
from search.engines.base import PAGE_LANGUAGES

# Title matters most, then the summary with tags and partners, then place names, then the body.
SQLITE_WEIGHTS = "0.0, 10.0, 4.0, 1.0, 3.0, 2.0"
# Up to this many matches, every match is scored. Beyond, only those with a query
# word in the title are, as they rank first among pages with as many of the query's
# words (see SQLiteIndex.scored).
SCORE_ALL_UP_TO = 2000


def _fts5_term(text):
    return '"' + text.replace('"', '""') + '"'


def language_term(language, term):
    """A text term as stored for a page in `language`: the code glued in front.

    One full-text query then serves pages in every language at once, while the
    Russian stem «бал» (from «бала») still cannot match a Kyrgyz page about honey.
    """
    return f"{language}{term}"


def prefixed(alternatives):
    """(terms, page languages) alternatives for every page language they can occur on, prefixed."""
    found = []
    for terms, languages in alternatives:
        for language in PAGE_LANGUAGES:
            if language in languages:
                found.append(tuple(language_term(language, term) for term in terms))
    return list(dict.fromkeys(found))


class _Dialect:
    """Combining expressions; "" is an expression no page matches."""

    AND = OR = ""

    def __init__(self, present=None):
        # The terms the index holds, or None to keep every alternative.
        self.present = present

    def kept(self, alternatives):
        """The alternatives (tuples of terms) whose every term some page holds."""
        if self.present is None:
            return alternatives
        return [a for a in alternatives if all(term in self.present for term in a)]

    def all_of(self, expressions):
        if not expressions or not all(expressions):
            return ""
        return expressions[0] if len(expressions) == 1 else "(" + f" {self.AND} ".join(expressions) + ")"

    def any_of(self, expressions):
        expressions = [e for e in expressions if e]
        if not expressions:
            return ""
        return expressions[0] if len(expressions) == 1 else "(" + f" {self.OR} ".join(expressions) + ")"


class SQLiteDialect(_Dialect):
    """FTS5 match expressions: each alternative quoted, so nothing typed becomes syntax.

    Built with the terms the index holds (`SQLiteIndex.dialect_for`), it leaves
    out alternatives no page can match: a query's translations and stems in
    three languages are many phrases, and FTS5 pays for every phrase of the
    expression on every row it scores, matched or not.
    """

    AND, OR = "AND", "OR"

    def alternatives(self, alternatives, text=True, places="any"):
        """Pages holding one of the alternatives: in their own language's text, or in a place name.

        `places` is "any" (any word or compound part of a name), "whole" (a
        single word must be a whole word of the name) or "" (not in places).
        """
        parts = []
        own = self.kept(prefixed(alternatives)) if text else []
        if own:
            parts.append("{title summary body keywords} : (" + " OR ".join(_fts5_term(" ".join(a)) for a in own) + ")")
        terms = self.kept(in_places(alternatives, whole=places == "whole")) if places else []
        if terms:
            parts.append("{places} : (" + " OR ".join(_fts5_term(" ".join(a)) for a in terms) + ")")
        return "(" + " OR ".join(parts) + ")" if parts else ""

    def in_title(self, alternatives):
        own = self.kept(prefixed(alternatives))
        if not own:
            return ""
        return "{title} : (" + " OR ".join(_fts5_term(" ".join(a)) for a in own) + ")"


def _tsquery_lexeme(text):
    return "'" + text.replace("'", "''").replace("\\", "") + "'"


def _tsquery_alternative(alternative, weights):
    return "(" + " <-> ".join(f"{_tsquery_lexeme(t)}:{weights}" for t in alternative) + ")"


class PostgresDialect(_Dialect):
    """tsquery expressions; text terms are weighted A, B or D and place names C."""

    AND, OR = "&", "|"

    def alternatives(self, alternatives, text=True, places="any"):
        parts = [_tsquery_alternative(a, "ABD") for a in self.kept(prefixed(alternatives))] if text else []
        if places:
            terms = self.kept(in_places(alternatives, whole=places == "whole"))
            parts += [_tsquery_alternative(a, "C") for a in terms]
        return "(" + " | ".join(parts) + ")" if parts else ""

    def in_title(self, alternatives):
        own = self.kept(prefixed(alternatives))
        if not own:
            return ""
        return "(" + " | ".join(_tsquery_alternative(a, "A") for a in own) + ")"


def plan_terms(plan):
    """Every term a plan's expressions can name: in the pages' text, prefixed, and in place names."""
    terms = set()
    for group in plan.alternatives():
        alternatives = (*group.own, *group.lexical)
        for phrase in (*prefixed(alternatives), *in_places(alternatives), *in_places(alternatives, whole=True)):
            terms.update(phrase)
    return terms


# Terms looked up per statement (SQLite allows 500 selects in one compound).
PRESENT_BATCH = 200
# The columns holding terms; `lang` holds only the language code.
TERM_COLUMNS = "{title summary body keywords places} : "


class SQLiteIndex:
    SCORED = f"SELECT rowid, -bm25(search_fts, {SQLITE_WEIGHTS}) FROM search_fts WHERE search_fts MATCH %s"

    def dialect_for(self, plan):
        """A dialect that leaves out the plan's alternatives with a term no page holds.

        Asking costs one statement of a few dozen lookups that stop at the first
        page: well under a millisecond, where the phrases left out cost SQLite
        about a third of the scoring of a common word.
        """
        return SQLiteDialect(self.present(plan_terms(plan)))

    def present(self, terms):
        """The terms some page holds."""
        terms, found = sorted(terms), set()
        one = "SELECT %s WHERE EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)"
        with connection.cursor() as cursor:
            for start in range(0, len(terms), PRESENT_BATCH):
                batch = terms[start : start + PRESENT_BATCH]
                cursor.execute(
                    " UNION ALL ".join([one] * len(batch)),
                    [value for term in batch for value in (term, TERM_COLUMNS + _fts5_term(term))],
                )
                found.update(row[0] for row in cursor.fetchall())
        return found

    def ids(self, expression):
        """The ids of the pages matching `expression`, unsorted.

        One string instead of a row per match: handing 50,000 rows to Python
        costs several times what SQLite takes to find them.
        """
        if not expression:
            return np.empty(0, dtype=np.int64)
        with connection.cursor() as cursor:
            cursor.execute("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s", [expression])
            joined = cursor.fetchone()[0]
        return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.empty(0, dtype=np.int64)

    def scored(self, expression, title=""):
        """(page id, BM25) pairs for the pages matching `expression`, only those also matching `title` if given.

        Scoring costs SQLite a lookup per matching row: about 200 ms for «бала» on
        58,000 of 100,000 pages, where finding them costs 20. A title carries ten
        times the weight of the body, so among pages with as many of the query's
        words those with one in the title rank first; scoring only them (a few
        thousand) finds the best pages. In that narrower match the title words
        count twice, so scores differ from a full scoring; the order rarely does.
        """
        if not expression:
            return []
        if title:
            expression = f"({expression}) AND ({title})"
        with connection.cursor() as cursor:
            cursor.execute(self.SCORED, [expression])
            return cursor.fetchall()

    # PostgreSQL computes a rank with every match it finds; SQLite pays per row.
    scores_every_match = False

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(row[0],) for row in rows])
            cursor.executemany(
                "INSERT INTO search_fts (rowid, lang, title, summary, body, keywords, places) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    def delete(self, page_ids):
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in page_ids])

    def reset(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def ready(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'search_fts'")
            return cursor.fetchone() is not None


# Each field's terms column and its weight, in the order they are joined into one tsvector.
POSTGRES_FIELDS = (
    ("title_terms", "A"), ("summary_terms", "B"), ("keywords_terms", "B"), ("places_terms", "C"), ("body_terms", "D"),
)
# Positions left empty between two fields of the tsvector, as Elasticsearch leaves
# between the values of a field (position_increment_gap).
FIELD_GAP = 100
# A lexeme the 'simple' parser never produces, standing in for the gap until it is deleted.
_GAP_LEXEME = "|"


def postgres_vector():
    """SQL for a document's tsvector: its fields' weighted terms, FIELD_GAP positions apart.

    `||` shifts the right vector's positions by the left one's last position, so
    fields joined directly would sit side by side and a phrase (`<->`) could run
    from the last word of the title into the first of the summary, which neither
    SQLite (a phrase stays within one FTS5 column) nor Elasticsearch (one field
    per part) allows. A placeholder lexeme FIELD_GAP positions on pushes the next
    field away and is deleted at the end; the other positions stay as they are.
    """
    gap = f" || '{_GAP_LEXEME}:{FIELD_GAP}'::tsvector || "
    fields = gap.join(f"setweight(to_tsvector('simple', {column}), '{weight}')" for column, weight in POSTGRES_FIELDS)
    return f"ts_delete({fields}, '{_GAP_LEXEME}')"


class PostgresIndex:
    VECTOR = postgres_vector()
    scores_every_match = True

    def dialect_for(self, plan):
        # A GIN lookup of a term no page holds costs next to nothing, and so does its rank.
        return PostgresDialect()

    def ids(self, expression):
        if not expression:
            return np.empty(0, dtype=np.int64)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id FROM search_indexeddocument WHERE search_vector @@ to_tsquery('simple', %s)",
                [expression],
            )
            return np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)

    def scored(self, expression, title=""):
        if not expression:
            return []
        if title:
            expression = f"({expression}) & ({title})"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, ts_rank(search_vector, q, 1) FROM search_indexeddocument, "
                "to_tsquery('simple', %s) AS q WHERE search_vector @@ q",
                [expression],
            )
            return cursor.fetchall()

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE search_indexeddocument SET search_vector = {self.VECTOR} WHERE page_id = ANY(%s)",
                [[row[0] for row in rows]],
            )

    def delete(self, page_ids):
        """Rows go with their IndexedDocument; nothing else to remove."""

    def reset(self):
        """The vector lives on IndexedDocument rows, which reset() deletes."""

    def ready(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'search_indexeddocument' AND column_name = 'search_vector'"
            )
            return cursor.fetchone() is not None


def index_for_connection():
    if connection.vendor == "postgresql":
        return PostgresIndex()
    if connection.vendor == "sqlite":
        return SQLiteIndex()
    raise NotImplementedError(f"The database engine has no full-text index for {connection.vendor}")
