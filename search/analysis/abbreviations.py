"""Abbreviations: words that are never stemmed, and what they stand for.

A stemmer reads an abbreviation as a word and cuts it down: «ӨСИ» (the Development
Policy Institute) lost its и like a possessive ending and met өс- (grow), «МСУ»
became «мс». So an abbreviation keeps its letters (keyboard-folded, in lower case):

- every form listed in the table (`data/abbreviations.json`), whatever its case,
  also with a Kyrgyz ending written on in lower case («мсзнын», «минфинде»);
- any other word of two to four capital letters (ЖӨБ, NGO), which is far more often
  an abbreviation than a word; longer words in capitals are headings and surnames
  («СОЦИАЛДЫК», «МУСАЕВА») and are stemmed as usual.

The table also gives the synonym rows that join each abbreviation with its
expansions in Kyrgyz, Russian and English (see `synonyms`).
"""

import functools
import json
from pathlib import Path

from search.analysis.kyrgyz import is_ending
from search.analysis.normalize import fold_keyboard, normalize

TABLE = Path(__file__).resolve().parent / "data" / "abbreviations.json"
# Longer words written in capitals are headings or surnames, not abbreviations.
MAX_CAPITALS = 4


@functools.cache
def abbreviation_rows():
    """The table's rows, as read from `TABLE`: dicts with `name`, `abbreviations`,
    `expansions` (each language → list of strings), `inflected` and `source`."""
    return tuple(json.loads(TABLE.read_text("utf-8"))["rows"])


def row_forms(row, key):
    """A row's strings under `key` («abbreviations» or «expansions»)."""
    return [text for _, text in row_entries(row, key)]


def row_entries(row, key):
    """A row's (language, string) pairs under `key`, in the table's order (ky, ru, en)."""
    return [(language, text) for language, texts in row.get(key, {}).items() for text in texts]


def synonym_rows():
    """Each table row as a synonym row of (text, language) pairs: the first abbreviation,
    then [the other abbreviations and the expansions]."""
    rows = []
    for row in abbreviation_rows():
        entries = row_entries(row, "abbreviations") + row_entries(row, "expansions")
        pairs = list(dict.fromkeys((text, language) for language, text in entries))
        rows.append((pairs[0], pairs[1:]))
    return tuple(rows)


@functools.cache
def _listed():
    """Folded forms of every listed abbreviation."""
    return frozenset(_folded(text) for row in abbreviation_rows() for text in row_forms(row, "abbreviations"))


@functools.cache
def _longest_listed():
    return max(map(len, _listed()))


def _folded(text):
    return "".join(ch for ch in fold_keyboard(normalize(text)) if ch.isalnum())


def listed_abbreviation(word):
    """The folded abbreviation `word` is, or starts with before a Kyrgyz ending; else None.

    >>> listed_abbreviation("МСЗ"), listed_abbreviation("мсзнын"), listed_abbreviation("мектеп")
    ('мсз', 'мсз', None)
    """
    return listed_in_folded(_folded(word))


def listed_in_folded(folded):
    """`listed_abbreviation` for a word already normalised and folded, letters and digits only."""
    listed = _listed()
    if folded in listed:
        return folded
    if not ("а" <= folded[:1] <= "я"):
        # Endings are Kyrgyz: only a Cyrillic abbreviation takes them.
        return None
    for length in range(min(_longest_listed(), len(folded) - 1), 1, -1):
        if folded[:length] in listed and is_ending(folded[length:]):
            return folded[:length]
    return None


def is_written_as_abbreviation(word):
    """Whether `word` is two to four capital letters: ЖӨБ, МСУ, NGO, not СОЦИАЛДЫК."""
    return 2 <= len(word) <= MAX_CAPITALS and word.isalpha() and word.isupper()
