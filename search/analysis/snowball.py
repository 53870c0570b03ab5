"""Snowball stemmers from PyStemmer, one instance per thread.

A PyStemmer `Stemmer` keeps internal state and must not be called from two threads at
once (its docstring says so), and the portal serves requests from several threads.
"""

import threading

import Stemmer

_local = threading.local()


def snowball_stem(algorithm, word):
    """Stem `word` with the Snowball `algorithm` ("russian", "english")."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(algorithm)
    if stemmer is None:
        # No PyStemmer cache: callers cache whole words with lru_cache already.
        stemmer = stemmers[algorithm] = Stemmer.Stemmer(algorithm, 0)
    return stemmer.stemWord(word) or word
