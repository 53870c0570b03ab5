"""Synonyms and abbreviations: ЖӨБ ↔ жергиликтүү өз алдынча башкаруу ↔ МСУ ↔ LSG.

A row is a set of expressions that mean the same, in any of the portal's languages.
Rows don't chain: МСЗ sits in one row with the state social order and in another with
the municipal one, so the query «МСЗ» finds both, but the two full names don't become
synonyms of each other.

Synonyms expand at query time only, never at index time:
- editors change rows in the admin, and query-time expansion uses them at once, with
  no reindexing of 100,000 pages;
- the index keeps one term per word, so term statistics (and ranking) are not skewed
  by expansions, and phrase positions stay true;
- a multi-word expression becomes a phrase alternative of one query group, which every
  engine can run. Both directions work: the query «ЖӨБ» gets the phrase «жергиликтүү
  өз алдынча башкаруу» as an alternative, and that phrase typed as a query gets «ЖӨБ».
"""

import functools
from typing import NamedTuple

from search.analysis.abbreviations import synonym_rows
from search.analysis.language import guess_language
from search.analysis.terms import PAGE_LANGUAGES, part_terms
from search.analysis.tokenize import words

# From the glossary in PORTAL.md. Abbreviations and their expansions come from the
# abbreviation table (see `abbreviations`); editors' rows from the admin come on top.
GLOSSARY_SYNONYMS = (
    ("ЖӨБ органдары", (
        "жергиликтүү өз алдынча башкаруу органдары", "органы МСУ",
        "органы местного самоуправления", "LSG bodies",
    )),
    ("айыл аймагы", ("айылный аймак", "ayil aimak", "aiyl aimak", "rural municipality")),
    ("жергиликтүү кеңеш", ("местный кенеш", "local kenesh", "local council")),
    ("ЖӨБ Союзу", ("Союз МСУ", "Union of LSGs")),
    ("элдик жыйын", ("народное собрание", "курултай", "people's assembly")),
    ("облус", ("область", "oblast")),
    ("социалдык кызмат көрсөтүүлөр", ("социальные услуги", "social services")),
    ("бала бакча", ("детский сад", "kindergarten")),
    ("мектепке чейинки билим берүү", (
        "дошкольное образование", "pre-school education", "preschool education",
    )),
    ("ден соолугунан мүмкүнчүлүгү чектелүү балдар", (
        "мүмкүнчүлүгү чектелүү балдар", "дети с ограниченными возможностями здоровья",
        "children with disabilities",
    )),
)


class Expression(NamedTuple):
    """An expression whose language is known: the abbreviation table says so.

    Its terms come from that language's stemmer alone. A guess would take «айыл
    окмоту», which Russian pages write, for Kyrgyz and miss those pages.
    """

    text: str
    language: str


def default_rows():
    """The built-in rows: the abbreviation table's, then the glossary's."""
    table = [
        (Expression(*head), [Expression(*pair) for pair in equivalents])
        for head, equivalents in synonym_rows()
    ]
    return (*table, *GLOSSARY_SYNONYMS)


# Limits that keep a careless admin row from turning one query into thousands of clauses.
MAX_EXPRESSION_WORDS = 12
MAX_ROW_EXPRESSIONS = 32


class SynonymTable:
    """Synonym rows analysed into terms, indexed for matching against queries.

    `rows[i]` holds the i-th row's expressions, each a tuple of terms (a phrase when
    longer than one). Build tables with `build_synonyms`.
    """

    def __init__(self, rows=(), page_languages=None):
        self.rows = tuple(rows)
        # Expression → languages of the pages on which its terms can occur.
        self._page_languages = dict(page_languages or {})
        # First term of an expression → [(expression, indexes of the rows holding it)].
        by_first_term = {}
        for index, row in enumerate(self.rows):
            for expression in row:
                found = by_first_term.setdefault(expression[0], {})
                found.setdefault(expression, set()).add(index)
        self._by_first_term = {
            first: [(expression, sorted(rows)) for expression, rows in found.items()]
            for first, found in by_first_term.items()
        }

    def __repr__(self):
        return f"<SynonymTable: {len(self.rows)} rows>"

    def match(self, query_words, stemmers=None):
        """Find synonym expressions among the query's words.

        `query_words[i]` holds, for each part of the i-th word, the set of terms that
        part may have (one per language tried). Returns non-overlapping
        `(start, end, expansions)` spans over word indexes, longest match first from the
        left; expressions of the same length there all count. `expansions` are the
        matched rows' expressions, each with the languages of the pages it can occur
        on. A match starts and ends at word boundaries: in «Бала-бакча» the part
        «бакча» is not the word «бакча».

        With `stemmers` (parallel to `query_words`: per part, a dict from each term to
        the stemmers, «ky» or «ru», that gave it), an expression matches only terms
        made by a stemmer it was analysed with: the Russian stem of «суу» is «су», as
        is the Kyrgyz stem of «Сүлүктү», and water is not Sulukta.
        """
        slots, origins, starts, ends = [], [], [], {}
        for index, parts in enumerate(query_words):
            starts.append(len(slots))
            slots.extend(parts)
            origins.extend(stemmers[index] if stemmers is not None else [None] * len(parts))
            ends[len(slots)] = index
        spans, index = [], 0
        while index < len(query_words):
            best = None
            if query_words[index]:
                best = self._longest_at(slots, origins, starts[index], ends)
            if best is None:
                index += 1
                continue
            length, row_indexes = best
            end = ends[starts[index] + length] + 1
            expressions = dict.fromkeys(exp for row in row_indexes for exp in self.rows[row])
            languages = self._page_languages
            spans.append((index, end, tuple((exp, languages[exp]) for exp in expressions)))
            index = end
        return spans

    def _longest_at(self, slots, origins, start, ends):
        best_length, best_rows = 0, set()
        for first in slots[start]:
            for expression, row_indexes in self._by_first_term.get(first, ()):
                end = start + len(expression)
                if end not in ends or len(expression) < best_length:
                    continue
                if not all(t in slots[start + i] for i, t in enumerate(expression)):
                    continue
                if not self._made_by_its_stemmers(expression, origins[start:end]):
                    continue
                if len(expression) > best_length:
                    best_length, best_rows = len(expression), set()
                best_rows.update(row_indexes)
        return (best_length, sorted(best_rows)) if best_rows else None

    def _made_by_its_stemmers(self, expression, origins):
        if any(origin is None for origin in origins):
            return True
        shared = self._page_languages[expression] - {"en"}
        for term, origin in zip(expression, origins, strict=True):
            shared &= origin.get(term, frozenset())
        return bool(shared)


def build_synonyms(rows=(), *, defaults=True):
    """Return a `SynonymTable` from `rows` of `(term, [equivalents])`, plus the defaults.

    Rows are plain data so that the admin can supply them later, e.g.
    `build_synonyms(SynonymRow.objects.values_list("term", "equivalents"))`; build the
    table once and reuse it until a row changes. Malformed rows, blank expressions and
    expressions that are only stopwords are skipped, never raised about.
    """
    analysed_rows, page_languages = [], {}
    defaults = default_rows() if defaults else ()
    for row in (*_plain_rows(defaults), *_plain_rows(rows)):
        analysed = {}
        for expression in row[:MAX_ROW_EXPRESSIONS]:
            for terms, languages in expression_analyses(*expression):
                analysed[terms] = analysed.get(terms, frozenset()) | languages
        if len(analysed) > 1:
            analysed_rows.append(tuple(analysed)[:MAX_ROW_EXPRESSIONS])
            for terms, languages in analysed.items():
                page_languages[terms] = page_languages.get(terms, frozenset()) | languages
    return SynonymTable(analysed_rows, page_languages)


@functools.cache
def default_synonyms():
    """The table of built-in rows only, built once per process."""
    return build_synonyms()


def _plain_rows(rows):
    try:
        rows = list(() if rows is None else rows)
    except TypeError:
        return
    for row in rows:
        try:
            head, equivalents = row
        except (TypeError, ValueError):
            continue
        if isinstance(equivalents, (str, Expression)):
            equivalents = (equivalents,)
        try:
            expressions = [head, *equivalents]
        except TypeError:
            continue
        yield tuple(
            (text, None) if isinstance(text, str) else text
            for text in expressions
            if isinstance(text, Expression) or (isinstance(text, str) and text.strip())
        )


def expression_analyses(expression, language=None):
    """The expression's terms under each language it may be in, with the languages of
    the pages those terms can occur on.

    An expression of known `language` («ky», «ru») gets that stemmer's terms. Otherwise
    «местное самоуправление» is clearly Russian and gets Russian stems only; «МСУ» or
    «Союз МСУ» could be either, so both stemmers' terms are kept. English expressions
    come out the same under both, which makes them match pages in every language.
    """
    found = words(expression)[:MAX_EXPRESSION_WORDS]
    first, second = guess_language(expression, "ky"), guess_language(expression, "ru")
    languages = (first,) if first == second and first != "en" else ("ky", "ru")
    if language in PAGE_LANGUAGES:
        languages = (language,)
    analyses = {code: tuple(t for word in found for t in part_terms(word, code)) for code in PAGE_LANGUAGES}
    if analyses["ky"] == analyses["ru"]:
        # Abbreviations, numbers and Latin words: the same terms on pages of any language.
        languages = tuple(PAGE_LANGUAGES)
    for code in languages:
        if analyses[code]:
            yield analyses[code], PAGE_LANGUAGES[code]
