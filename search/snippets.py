"""Highlighted snippets, made in Python so every engine shows the same thing."""

import bisect
import functools
import re
from html import escape

from search.analysis.terms import part_terms
from search.analysis.tokenize import split_token

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
SNIPPET_WORDS = 32


@functools.lru_cache(maxsize=65536)
def _token_terms(token, language):
    """Every term any part of the token may have; the same words recur in every snippet."""
    return frozenset(term for word in split_token(token) for term in part_terms(word, language))


# Separators repeat (a space, a comma and a space); words need no escaping at all:
# _TOKEN takes letters, digits and hyphens only.
_escape_separator = functools.lru_cache(maxsize=4096)(escape)


def _best_start(hits, limit_words):
    """The hit that starts the window of `limit_words` words holding the most hits (the first on a tie)."""
    best, most = hits[0], 0
    for index, hit in enumerate(hits):
        count = bisect.bisect_left(hits, hit + limit_words, lo=index) - index
        if count > most:
            best, most = hit, count
    return best


def highlight(text, terms, language, limit_words=SNIPPET_WORDS):
    """The passage of `text` with most query words, those words in <mark>, all else escaped.

    `terms` are the query's analysed terms; a word is marked when any of its own
    terms is one of them, so «балдарга» lights up for the query «бала».
    """
    tokens = list(_TOKEN.finditer(text or ""))
    if not tokens:
        return ""
    terms = frozenset(terms)
    token_terms = _token_terms
    hits = [i for i, match in enumerate(tokens) if not token_terms(match.group(), language).isdisjoint(terms)]
    start = 0
    if hits:
        start = max(0, _best_start(hits, limit_words) - 3)
    window = tokens[start : start + limit_words]
    hit_set = set(hits)
    pieces, position = [], window[0].start()
    for offset, match in enumerate(window, start):
        pieces.append(_escape_separator(text[position : match.start()]))
        word = match.group()
        pieces.append(f"<mark>{word}</mark>" if offset in hit_set else word)
        position = match.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + limit_words < len(tokens) else ""
    return prefix + "".join(pieces).strip() + suffix
