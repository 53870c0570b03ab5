"""Split text into words: runs of letters and digits, hyphenated compounds kept together.

Everything that is not a letter or a digit separates words, so query syntax from other
search engines (" * : ( ) ^ ~ + ! { } [ ] \\ /) can never reach an engine as syntax.
"""

import functools
import re
from typing import NamedTuple

from search.analysis.abbreviations import listed_abbreviation
from search.analysis.kyrgyz import is_ending
from search.analysis.normalize import clean

# Longer runs are base64, hashes or URLs glued together, not words anyone searches for;
# dropping them keeps index terms within every engine's limits.
MAX_WORD_LENGTH = 64
# «Жалал-Абад», «Ак-Чий», «иш-чара» have two parts; longer chains are usually dates or
# codes («2019-06-17», «6-26213-16»), which read better as separate words.
MAX_COMPOUND_PARTS = 4

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# «ЖӨБдүн», «АКШнын», «USAIDдин»: an abbreviation in capitals with its Kyrgyz case
# ending in lower case. The ending is grammar, the capitals are the word.
_ABBREVIATION_WITH_ENDING = re.compile(r"([^\W\d_a-zа-яёөүң]{2,})([а-яёөүң]+)")
# «NGOs», «LSGs»: the English stemmer keeps the s after a vowel, so drop it here.
_ABBREVIATION_PLURAL = re.compile(r"([A-Z]{2,})s")
# «ЖӨБ'дүн», «ӨСИ’нин»: some write the ending after an apostrophe, read as a hyphen.
_APOSTROPHES = "'’ʼ‘`"
_WORD_BEFORE_APOSTROPHE = re.compile(rf"([^\W_{_APOSTROPHES}]+)[{_APOSTROPHES}](?=[а-яёөүң])")


class Word(NamedTuple):
    """One word as written (case kept), and its parts when it is a hyphenated compound."""

    text: str
    parts: tuple[str, ...]

    @property
    def is_compound(self):
        return len(self.parts) > 1


def words(text):
    """Return the words of `text` in order; never raises."""
    return [word for token in tokens(text) for word in split_token(token)]


def tokens(text):
    """Runs of letters and digits as written, inner hyphens kept: what `words` splits.

    For callers that cache their work per token, as tokens repeat a lot.
    """
    text = clean(text)
    if any(mark in text for mark in _APOSTROPHES):
        text = _WORD_BEFORE_APOSTROPHE.sub(_hyphen_after_abbreviation, text)
    return _WORD.findall(text)


def _hyphen_after_abbreviation(match):
    word = match.group(1)
    if _takes_endings(word) and not word.isdigit():
        return word + "-"
    return match.group()


@functools.lru_cache(maxsize=65536)
def split_token(token):
    """The words in one token: usually one, several for a long hyphenated chain."""
    parts = _parts(token)
    if len(parts) > MAX_COMPOUND_PARTS:
        return tuple(Word(part, (part,)) for part in parts)
    return (Word(token, tuple(parts)),) if parts else ()


def _parts(compound):
    if "-" not in compound:
        return [_without_abbreviation_ending(compound)] if len(compound) <= MAX_WORD_LENGTH else []
    parts = []
    for part in compound.split("-"):
        if len(part) > MAX_WORD_LENGTH:
            continue
        if parts and _takes_endings(parts[-1]) and part.islower() and is_ending(part):
            # «ЖӨБ-дүн», «USAID-дин», «10-да»: a case ending after a hyphen.
            continue
        parts.append(_without_abbreviation_ending(part))
    return parts


def _takes_endings(part):
    return part.isdigit() or (len(part) >= 2 and part.isupper()) or bool(listed_abbreviation(part))


def _without_abbreviation_ending(part):
    if not part[:2].isupper():
        return part
    match = _ABBREVIATION_WITH_ENDING.fullmatch(part) or _ABBREVIATION_PLURAL.fullmatch(part)
    if match and match.group(1).isupper():
        return match.group(1)
    return part
