"""From one written word to its index terms: normalise, fold, drop stopwords, stem.

Indexing, querying and the synonym table all get their terms from here, so a word
becomes the same term wherever it is met.
"""

import functools

from search.analysis import english, kyrgyz, russian
from search.analysis.abbreviations import is_written_as_abbreviation, listed_in_folded
from search.analysis.language import script
from search.analysis.normalize import fold_keyboard, normalize

# One stopword list per script, not per language: the query side stems a Cyrillic word
# as Kyrgyz and as Russian, and a word that is a stopword in either must go in both,
# or «жана» would come back as a Russian stem that every query then requires.
_CYRILLIC_STOPWORDS = kyrgyz.STOPWORDS | frozenset(map(fold_keyboard, russian.STOPWORDS))
_LATIN_STOPWORDS = english.STOPWORDS


# Which pages can hold terms made with the Kyrgyz or the Russian stemmer: pages in that
# language, and English pages, whose Cyrillic words get the stemmer their text looks
# like. Latin words and numbers get the same terms with either, so they match anywhere.
PAGE_LANGUAGES = {"ky": frozenset({"ky", "en"}), "ru": frozenset({"ru", "en"})}


@functools.lru_cache(maxsize=131072)
def term(word, language):
    """The index term for `word` (no hyphens inside), or None for a stopword.

    `language` («ky» or «ru») picks the stemmer for Cyrillic words. Latin words always
    get the English stemmer and numbers stay as they are, whatever the page's language.
    Abbreviations (see `abbreviations`) are never stemmed, in any language.
    """
    folded = fold_keyboard(normalize(word))
    if not folded.isalnum():
        folded = "".join(ch for ch in folded if ch.isalnum())
    abbreviation = listed_in_folded(folded)
    if abbreviation:
        return abbreviation
    if folded in _CYRILLIC_STOPWORDS or folded in _LATIN_STOPWORDS:
        return None
    if is_written_as_abbreviation(word):
        # An abbreviation is not a word: stemmed, «ӨСИ» would meet өс- (grow).
        return folded
    kind = script(folded)
    if kind == "cyrillic":
        stemmed = russian.stem(folded) if language == "ru" else kyrgyz.stem(folded)
    elif kind == "latin":
        stemmed = english.stem(folded)
    else:
        stemmed = folded
    return (stemmed if stemmed.isalnum() else folded) or None


def part_terms(word, language):
    """Terms of a word's parts in order, stopwords left out: «Ак-Чийде» → (ак, чий)."""
    return tuple(t for t in (term(part, language) for part in word.parts) if t)


def joined_term(word, language):
    """For a compound of letters only: the term of its parts written together.

    «Акчий» and «Жалалабад» typed as one word then find «Ак-Чий» and «Жалал-Абад».
    None for plain words, for compounds with a stopword part (из-за) and for compounds
    with numbers (2019-жылы), where the joined form is not something anyone types.
    """
    if not word.is_compound or not all(part.isalpha() for part in word.parts):
        return None
    if any(term(part, language) is None for part in word.parts):
        return None
    return term("".join(word.parts), language)
