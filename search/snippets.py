"""Highlighted snippets, made in Python so every engine shows the same thing."""

import re
from html import escape

from search.analysis.terms import part_terms
from search.analysis.tokenize import split_token

_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
SNIPPET_WORDS = 32


def _matches(token, terms, language):
    return any(set(part_terms(word, language)) & terms for word in split_token(token))


def highlight(text, terms, language, limit_words=SNIPPET_WORDS):
    """The passage of `text` with most query words, those words in <mark>, all else escaped.

    `terms` are the query's analysed terms; a word is marked when any of its own
    terms is one of them, so «балдарга» lights up for the query «бала».
    """
    tokens = list(_TOKEN.finditer(text or ""))
    if not tokens:
        return ""
    hits = [i for i, match in enumerate(tokens) if _matches(match.group(), terms, language)]
    start = 0
    if hits:
        # The window of `limit_words` words holding the most hits, starting at a hit.
        best = max(hits, key=lambda i: sum(1 for h in hits if i <= h < i + limit_words))
        start = max(0, best - 3)
    window = tokens[start : start + limit_words]
    hit_set = set(hits)
    pieces, position = [], window[0].start()
    for offset, match in enumerate(window, start):
        pieces.append(escape(text[position : match.start()]))
        word = escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if offset in hit_set else word)
        position = match.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + limit_words < len(tokens) else ""
    return prefix + "".join(pieces).strip() + suffix
