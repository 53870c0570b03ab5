"""The entry point to text analysis, shared by both search engines.

- `analyze(text, language)` gives the terms to index for a page's text.
- `analyze_query(text, language, synonyms=..., lexicon=...)` gives an `AnalyzedQuery`:
  groups that must all match, each a choice of terms or phrases. `.for_language(code)` narrows it
  to the alternatives that can occur on pages analysed in that language.
- `guess_language(text)` tells Kyrgyz, Russian and English apart.

Both sides run every word through `terms.term`, so index and query always agree:
normalised, keyboard-folded, stopwords dropped, stemmed.
"""

import functools
import re
from dataclasses import dataclass, replace

from portal.parsing import MAX_QUERY_WORDS
from search.analysis.language import (
    guess_cyrillic_language,
    guess_language,
    supported_language,
)
from search.analysis.lexicon import default_lexicon
from search.analysis.normalize import clean
from search.analysis.synonyms import default_synonyms
from search.analysis.terms import PAGE_LANGUAGES, joined_term, part_terms
from search.analysis.tokenize import split_token, tokens, words

__all__ = ["AnalyzedQuery", "QueryGroup", "analyze", "analyze_query", "guess_language"]

# A query is a few words (MAX_QUERY_WORDS); a pasted paragraph must not become a query
# of 300 clauses (the stock backend took 129 s over a 2,000-character query).
MAX_ALTERNATIVES = 32

# Operators from other search syntaxes, written in capitals: not words to look for.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_QUOTED = re.compile(r'"([^"]*)"|«([^»]*)»|“([^“”]*)”|„([^„“”]*)[“”]')


def analyze(text, language=None):
    """Return the index terms of `text`, a page's text in `language` («ky», «ru», «en»).

    Words come first, in order, a hyphenated compound as its parts («Ак-Чийде» → ак,
    чий), so a phrase is always a run of consecutive terms. After all the words come
    the compounds written together (акчий), so that «Акчий» typed as one word finds the
    page too without breaking any phrase. Term i sits at position i.

    Cyrillic words are stemmed as `language` (as Kyrgyz or Russian, guessed for an
    English page), Latin words as English. Without a known `language`, it is guessed.
    """
    language = supported_language(language) or guess_language(text)
    cyrillic = language if language != "en" else guess_cyrillic_language(text)
    found, joined = [], []
    for token in tokens(text):
        in_order, written_together = _token_terms(token, cyrillic)
        found += in_order
        joined += written_together
    return found + joined


@functools.lru_cache(maxsize=131072)
def _token_terms(token, language):
    """(terms in order, joined compounds) of one token; cached, as tokens repeat a lot."""
    in_order, written_together = [], []
    for word in split_token(token):
        in_order += part_terms(word, language)
        whole = joined_term(word, language)
        if whole:
            written_together.append(whole)
    return tuple(in_order), tuple(written_together)


@dataclass(frozen=True)
class QueryGroup:
    """One thing a query asks for: a word, a quoted phrase, or a synonym's words.

    A page matches the group when it holds any one of `alternatives`. An alternative
    of one term is a term; a longer one is a phrase, its terms consecutive in `analyze`.
    `languages[i]` names the languages of the pages that `alternatives[i]` can occur on.
    `lexical[i]` is True when `alternatives[i]` came only from the domain lexicon (a
    translation, not the reader's word or a synonym of it), for engines to weight it
    below the others; empty when none did.
    """

    text: str
    alternatives: tuple[tuple[str, ...], ...]
    languages: tuple[frozenset[str], ...]
    quoted: bool = False
    lexical: tuple[bool, ...] = ()

    def is_lexical(self, index):
        """Whether `alternatives[index]` came only from the lexicon."""
        return bool(self.lexical) and self.lexical[index]


@dataclass(frozen=True)
class AnalyzedQuery:
    """A query as groups that must all match (AND), each a choice of alternatives (OR).

    `language` is the query's guessed language, for engines that rank pages in it first.
    An empty query (nothing but stopwords, operators or punctuation) is falsy and
    should find nothing.
    """

    groups: tuple[QueryGroup, ...] = ()
    language: str = "ky"

    @property
    def terms(self):
        """Every term of every alternative, for highlighting and scoring."""
        return frozenset(t for group in self.groups for alt in group.alternatives for t in alt)

    def __bool__(self):
        return bool(self.groups)

    def for_language(self, language):
        """The query for pages analysed in `language`, without the other languages' stems.

        The Russian stem of «бала» is «бал», the Kyrgyz word for honey: run against
        Kyrgyz pages, it would find beekeepers. Engines search each page language with
        its own narrowed query. Empty (nothing can match) if a group has no alternative
        left; unchanged for a language the analysis does not know.
        """
        code = supported_language(language)
        if code is None:
            return self
        groups = []
        for group in self.groups:
            kept = [
                (alternative, languages, group.is_lexical(index))
                for index, (alternative, languages) in enumerate(zip(group.alternatives, group.languages, strict=True))
                if code in languages
            ]
            if not kept:
                return AnalyzedQuery((), self.language)
            alternatives, languages, lexical = zip(*kept, strict=True)
            groups.append(
                replace(group, alternatives=alternatives, languages=languages, lexical=lexical if any(lexical) else ())
            )
        return AnalyzedQuery(tuple(groups), self.language)


def analyze_query(text, language=None, *, synonyms=None, lexicon=None):
    """Return the `AnalyzedQuery` for what a reader typed on the site in `language`.

    Readers type Russian on the Kyrgyz site and the other way round, so each Cyrillic
    word gets the Kyrgyz and the Russian stem as alternatives (the guessed language
    first); Latin words get the English stem. Text in quotes ("…", «…», “…”) is a phrase;
    other quote marks, brackets and operators are ignored.

    `synonyms` is a table from `synonyms.build_synonyms(rows)`, `lexicon` one from
    `lexicon.build_lexicon(rows)`; None means the built-in rows only. Expansions are
    added at query time as alternatives, the lexicon's marked `lexical`.
    """
    text = clean(text)
    hint = supported_language(language) or "ky"
    query_language = guess_language(text, default=hint)
    first = next(code for code in (query_language, hint, "ky") if code in ("ky", "ru"))
    languages = (first, "ru" if first == "ky" else "ky")
    table = default_synonyms() if synonyms is None else synonyms
    lexicon = default_lexicon() if lexicon is None else lexicon
    groups, budget = [], MAX_QUERY_WORDS
    for quoted, segment in _segments(text):
        found = [word for word in words(segment) if quoted or word.text not in _OPERATORS]
        found = found[:budget]
        budget -= len(found)
        if quoted:
            groups.extend(_phrase_groups(found, languages))
        else:
            groups.extend(_word_groups(found, languages, table, lexicon))
    return AnalyzedQuery(tuple(dict.fromkeys(groups)), query_language)


def _segments(text):
    """Split text into (quoted, segment) pairs; an unpaired quote mark is punctuation."""
    position = 0
    for match in _QUOTED.finditer(text):
        yield False, text[position : match.start()]
        yield True, next(group for group in match.groups() if group is not None)
        position = match.end()
    yield False, text[position:]


def _phrase_groups(found, languages):
    group = _group(
        " ".join(word.text for word in found),
        [
            (tuple(t for word in found for t in part_terms(word, language)), language)
            for language in languages
        ],
        quoted=True,
    )
    return [group] if group else []


def _word_groups(found, languages, table, lexicon):
    analysed = [
        (word, terms)
        for word in found
        if (terms := [part_terms(word, language) for language in languages])[0]
    ]
    # For synonym matching: each word's parts, each part's possible terms and the
    # stemmers that gave them.
    stemmers = [
        [_origins(terms, languages, i) for i in range(min(map(len, terms)))]
        for _, terms in analysed
    ]
    query_words = [[frozenset(origins) for origins in word] for word in stemmers]
    spans = _spans(query_words, stemmers, table, lexicon)
    groups, index = [], 0
    while index < len(analysed):
        end, expansions = spans.get(index, (index + 1, ()))
        span = [word for word, _ in analysed[index:end]]
        if len(span) == 1:
            own = _word_alternatives(span[0], languages)
        else:
            own = [
                (tuple(t for word in span for t in part_terms(word, language)), language)
                for language in languages
            ]
        text = " ".join(word.text for word in span)
        groups.append(_group(text, own, expansions=expansions))
        index = end
    return groups


def _origins(terms, languages, index):
    """{term: stemmers that gave it} for part `index` of a word analysed in `languages`."""
    found = {}
    for parts, language in zip(terms, languages, strict=True):
        found[parts[index]] = found.get(parts[index], frozenset()) | {language}
    return found


def _spans(query_words, stemmers, table, lexicon):
    """{start: (end, expansions)}: the synonym table's spans, then the lexicon's.

    The reader's words and their synonyms come first: a lexicon expression may add
    to a synonym's span of exactly the same words, or match among the words no
    synonym took, but never cut across a synonym. Lexicon expansions carry True. The
    lexicon is bigger and looser than the synonyms, so its expressions match only
    terms made by their own language's stemmer.
    """
    spans = {start: (end, [(*found, False) for found in expansions]) for start, end, expansions in table.match(query_words)}
    for start, (end, expansions) in list(spans.items()):
        same = lexicon.match(query_words[start:end], stemmers[start:end])
        if len(same) == 1 and same[0][:2] == (0, end - start):
            expansions.extend((*found, True) for found in same[0][2])
    covered = {index for start, (end, _) in spans.items() for index in range(start, end)}
    offset = 0
    for stop in range(len(query_words) + 1):
        if stop < len(query_words) and stop not in covered:
            continue
        for start, end, expansions in lexicon.match(query_words[offset:stop], stemmers[offset:stop]):
            spans[offset + start] = (offset + end, [(*found, True) for found in expansions])
        offset = stop + 1
    return spans


def _word_alternatives(word, languages):
    """A word's alternatives: per language its term, or a compound's joined term and parts."""
    alternatives = []
    for language in languages:
        whole = joined_term(word, language)
        if whole:
            alternatives.append(((whole,), language))
        alternatives.append((part_terms(word, language), language))
    return alternatives


def _group(text, own, *, expansions=(), quoted=False):
    """A QueryGroup from (terms, stemmer language) and (terms, page languages, lexical).

    The same terms can come from both stemmers (a Latin word, a number), or from the
    reader and the lexicon; their page languages add up, and they are lexical only if
    every source was the lexicon. The reader's own alternatives come first, then the
    synonyms', then the lexicon's, so the cap cuts translations first. None when
    nothing is left.
    """
    merged = {}
    pairs = [(terms, PAGE_LANGUAGES[language], False) for terms, language in own]
    ordered = sorted(expansions, key=lambda expansion: expansion[2])
    for terms, languages, lexical in [*pairs, *ordered]:
        if terms:
            known_languages, known_lexical = merged.get(terms, (frozenset(), True))
            merged[terms] = (known_languages | languages, known_lexical and lexical)
    if not merged:
        return None
    kept = list(merged.items())[:MAX_ALTERNATIVES]
    lexical = tuple(lexical for _, (_, lexical) in kept)
    return QueryGroup(
        text,
        tuple(terms for terms, _ in kept),
        tuple(languages for _, (languages, _) in kept),
        quoted=quoted,
        lexical=lexical if any(lexical) else (),
    )
