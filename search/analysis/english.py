"""English stemming (Snowball "english", also called Porter2) and English stopwords."""

import functools

from search.analysis.normalize import normalize
from search.analysis.snowball import snowball_stem


@functools.lru_cache(maxsize=65536)
def stem(word):
    """Return the Snowball stem of one English word.

    >>> stem("Governments") == stem("government")
    True
    """
    return snowball_stem("english", normalize(word))


# The usual short list. «us» and «it» are left out: casefolded, they are also the
# abbreviations US and IT, which donors do search for.
STOPWORDS = frozenset("""
    a an and are as at be been but by for from had has have he her his if in into is its
    no not of on or our she such that the their them then there these they this those to
    was we were which who will with would you your s t
""".split())
