"""Which language a text is in (Kyrgyz, Russian or English), and which script a word is in.

Readers type Russian into the Kyrgyz site and Kyrgyz without Kyrgyz letters, so the
guess counts evidence word by word instead of trusting the page's language.
"""

import functools

from search.analysis.normalize import fold_keyboard, normalize
from search.analysis.tokenize import words

SUPPORTED = ("ky", "ru", "en")

# Enough text to decide; a 100-page report need not be read to the end.
_SAMPLE_CHARACTERS = 4000

_KYRGYZ_LETTERS = frozenset("өүң")
_KYRGYZ_WORDS = frozenset(fold_keyboard(word) for word in """
    жана менен үчүн бул деп боюнча жөнүндө ал алар анын да эле болуп болот дагы бирок
    ошондой тууралуу аркылуу эмес керек мүмкүн жок бар бир эки ушул ошол кандай эмне
    айыл өкмөтү аймагы облусу жергиликтүү
""".split())
_KYRGYZ_PLURALS = ("лар", "лер", "лор", "дар", "дер", "дор", "тар", "тер", "тор")
_KYRGYZ_ENDINGS = (
    "дын", "нын", "тын", "дун", "нун", "тун", "дин", "нин", "тин", *_KYRGYZ_PLURALS,
    "дагы", "деги", "лык", "лик", "дык", "дик", "тык", "тик", "луу", "дуу", "туу",
    # A plural with a case ending after it (мектептерде); a bare -да is Russian too.
    *(plural + case for plural in _KYRGYZ_PLURALS for case in (
        "да", "де", "до", "га", "ге", "го", "дан", "ден", "дон", "ды", "ди", "ду",
    )),
)
_KYRGYZ_LONG_VOWELS = ("аа", "оо", "уу", "ыы", "ээ")
_RUSSIAN_WORDS = frozenset("""
    и в во на с со по для не что это как из от к о об или а но при за у же бы его ее их
    этот эта эти также был была были будет быть который которые которая так только уже
    все года году
""".split())
_RUSSIAN_ENDINGS = (
    "ого", "его", "ому", "ему", "ыми", "ими", "ость", "ости", "ция", "ции", "ние", "ния",
    "нию", "ться", "тся", "ый", "ий", "ая", "ое", "ые", "ых", "их", "ую", "яя",
)
_RUSSIAN_LETTERS = frozenset("щъё")


def supported_language(code):
    """«ky», «ru» or «en» for a language code such as «ky-KG» or «RU»; else None."""
    if not isinstance(code, str):
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else None


def script(word):
    """«cyrillic», «latin», «number» or «other»: which stemmer a word belongs to.

    A word with any Cyrillic letter is Cyrillic («gizдин» is a Kyrgyz case form).
    """
    if any("Ѐ" <= ch <= "ӿ" for ch in word):
        return "cyrillic"
    if any(ch.isalpha() and (ch.isascii() or "À" <= ch <= "ɏ") for ch in word):
        return "latin"
    if word.isdigit():
        return "number"
    return "other"


def guess_language(text, default="ky"):
    """Return «ky», «ru» or «en» for `text`; `default` when the words don't tell.

    Latin words make it English when they outnumber Cyrillic ones. Among Cyrillic
    words, the letters ң ө ү, frequent little words and typical endings vote for
    Kyrgyz or Russian. «бала бакча» gives no evidence either way, so it gets `default`.
    """
    default = supported_language(default) or "ky"
    latin, cyrillic, kyrgyz, russian = _votes(text)
    if latin > cyrillic:
        return "en"
    if kyrgyz != russian:
        return "ky" if kyrgyz > russian else "ru"
    if cyrillic and default == "en":
        # Cyrillic words with no evidence: the portal's default language is Kyrgyz.
        return "ky"
    return default


def guess_cyrillic_language(text, default="ky"):
    """«ky» or «ru», from the Cyrillic words alone: for Cyrillic words on an English page."""
    _, _, kyrgyz, russian = _votes(text)
    if kyrgyz != russian:
        return "ky" if kyrgyz > russian else "ru"
    return default if default in ("ky", "ru") else "ky"


def _votes(text):
    """(Latin words, Cyrillic words, points for Kyrgyz, points for Russian) in `text`."""
    latin = cyrillic = kyrgyz = russian = 0
    if isinstance(text, str):
        text = text[:_SAMPLE_CHARACTERS]
    for word in words(text):
        for part in word.parts:
            kind, for_kyrgyz, for_russian = _evidence(part)
            latin += kind == "latin"
            cyrillic += kind == "cyrillic"
            kyrgyz += for_kyrgyz
            russian += for_russian
    return latin, cyrillic, kyrgyz, russian


@functools.lru_cache(maxsize=65536)
def _evidence(word):
    """(script, points for Kyrgyz, points for Russian) of one word."""
    word = normalize(word)
    kind = script(word)
    if kind != "cyrillic":
        return kind, 0, 0
    return kind, _kyrgyz_evidence(word), _russian_evidence(word)


def _kyrgyz_evidence(word):
    score = 3 if _KYRGYZ_LETTERS.intersection(word) else 0
    word = fold_keyboard(word)
    if word in _KYRGYZ_WORDS:
        score += 2
    if word.endswith(_KYRGYZ_ENDINGS) or any(pair in word for pair in _KYRGYZ_LONG_VOWELS):
        score += 1
    return score


def _russian_evidence(word):
    score = 2 if word in _RUSSIAN_WORDS else 0
    if word.endswith(_RUSSIAN_ENDINGS) or _RUSSIAN_LETTERS.intersection(word):
        score += 1
    return score
