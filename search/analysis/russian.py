"""Russian stemming (Snowball) and Russian stopwords."""

import functools

from search.analysis.normalize import normalize
from search.analysis.snowball import snowball_stem


@functools.lru_cache(maxsize=65536)
def stem(word):
    """Return the Snowball stem of one Russian word; ё is read as е.

    >>> stem("Самоуправления") == stem("самоуправление")
    True
    """
    return snowball_stem("russian", normalize(word))


# Snowball's Russian list, without numerals (два, три, один) and words that carry
# meaning in a search (нельзя, лучше, хорошо): a reader may well search for them.
STOPWORDS = frozenset(normalize(word) for word in """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если
    уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей
    может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз
    тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом
    почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец об
    другой хоть после над больше тот через эти нас про всего них какая много разве эту
    моя впрочем свою этой перед иногда чуть том такой им более всегда конечно всю между
    также это является которые который которая которое которых которым либо
""".split())
