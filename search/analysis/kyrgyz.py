"""A light Kyrgyz stemmer and the Kyrgyz stopwords.

Kyrgyz stacks suffixes after the root in a fixed order: derivation, plural, possessive,
case (бала → балдар → балдарыбыз → балдарыбыздын). The stemmer peels them off from the
end, one at a time, and only inwards (after a possessive, no case ending can come off,
so «органынын» is орган+ы+нын, never орга+ны+нын). A suffix comes off only when

- its vowel follows vowel harmony with the last vowel left in the stem,
- its first consonant is the variant the stem's last sound calls for
  (мектеп+ке, Баткен+ге; мектеп+тер, уюм+дар, бала+лар), and
- enough of the word is left (бала stays бала, never бал).

It works on keyboard-folded words (ө → о, ү → у, ң → н, see `normalize.fold_keyboard`),
so that «өнүктүрүү» and «онуктуруу» get the very same decisions. Folding blurs front
and back rounded vowels, so after о/у the harmony check accepts either.

Stems are index terms, not dictionary words: «Баткен» is stemmed «батке» (see
`_canonical`), and that is fine as long as every form of a word meets in one stem.
"""

import functools

from search.analysis.normalize import fold_keyboard, normalize

_VOWELS = frozenset("аеиоуыэюя")
_VOICED = frozenset("бвгджзйлмнр")
_VOICELESS = frozenset("пфктсшщчхц")

# Which suffix vowel may follow the stem's last vowel (in folded spelling).
# Low vowels: а after а, ы, у; е after е, и; о after о, ө; ө after ү (кул+дар, үй+лөр).
_LOW_VOWELS = frozenset("аео")
_LOW_AFTER = {
    "а": "а", "ы": "а", "я": "а", "е": "е", "и": "е", "э": "е",
    "о": "о", "у": "ао", "ю": "ао",
}
_HIGH_AFTER = {
    "а": "ы", "ы": "ы", "я": "ы", "е": "и", "и": "и", "э": "и",
    "о": "у", "у": "у", "ю": "у",
}

# Suffix levels, outermost first; each strip may only be followed by a lower level.
_CASE, _POSSESSIVE, _PLURAL, _DERIVATION = 4, 3, 2, 1


def _expected_consonant(slot, stem):
    """The first consonant a suffix of this `slot` takes after `stem`, or None if unknown.

    Slots are named after the variant used after a vowel: plural л (бала+лар, уюм+дар,
    мектеп+тер), genitive/accusative н (бала+нын, Баткен+дин, кызмат+тын), locative and
    ablative д (бакча+да, мектеп+те), dative г (бала+га, мектеп+ке).
    """
    last = stem[-1]
    vowel, voiced, voiceless = last in _VOWELS, last in _VOICED, last in _VOICELESS
    if not (vowel or voiced or voiceless) or not _VOWELS.intersection(stem):
        # A digit, a Latin letter or an abbreviation: its pronunciation is unknown.
        return None
    if slot == "л":
        return "л" if vowel or last in "йр" else "д" if voiced else "т"
    if slot == "н":
        return "н" if vowel else "д" if voiced else "т"
    if slot == "д":
        return "т" if voiceless else "д"
    return "к" if voiceless else "г"


def _stem_end_fits(slot, suffix, stem):
    """Whether `stem` ends the way a suffix that has no consonant variants needs."""
    last = stem[-1]
    if slot == "vowel":
        # -сы after a vowel: бакча+сы. Stems ending in one short high vowel are rarer
        # than stems ending in с, so «облусу», «адиси» read as облус+у, адис+и; agent
        # nouns in -чы (жетекчи+си) and listed words (үлгү+сү) are the exceptions.
        if last not in _VOWELS:
            return False
        return last not in "ыиую" or stem[-2] in (last, "ч") or stem in _KEEP
    if slot == "consonant":
        return last in _VOICED or last in _VOICELESS
    if slot == "possessive":
        # -на, -нда, -нан come after the possessive -ы/-сы: бакча+сы+нда, аймаг+ы+нда.
        return last in "ыиу"
    if slot == "relativizer":
        # кийин+ки, азыр+кы, ич+ки, негиз+ги; after other consonants -гы/-кы would be
        # the possessive -ы (калк+ы, аймаг+ы).
        return last in "нрчштй" if suffix[0] == "к" else last == "з"
    return True


def _vowel_fits(suffix, stem):
    """Whether the suffix's first vowel harmonises with the stem's last vowel."""
    stem_vowel = next((ch for ch in reversed(stem) if ch in _VOWELS), None)
    suffix_vowel = next((ch for ch in suffix if ch in _VOWELS), None)
    if stem_vowel is None or suffix_vowel is None:
        return True
    allowed = _LOW_AFTER if suffix_vowel in _LOW_VOWELS else _HIGH_AFTER
    return suffix_vowel in allowed[stem_vowel]


class _Rule:
    __slots__ = ("slot", "min_stem", "level", "harmony")

    def __init__(self, slot, min_stem, level, harmony=True):
        self.slot, self.min_stem, self.level, self.harmony = slot, min_stem, level, harmony

    def allows(self, suffix, stem):
        if len(stem) < self.min_stem:
            return False
        if self.slot in ("л", "н", "д", "г"):
            expected = _expected_consonant(self.slot, stem)
            # Derivation after р, й takes л or д alike: шаар+лык but даяр+дык, бир+дик.
            if expected == "л" and stem[-1] in "йр" and self.level == _DERIVATION:
                expected = "лд"
            if expected is not None and suffix[0] not in expected:
                return False
        elif not _stem_end_fits(self.slot, suffix, stem):
            return False
        return not self.harmony or _vowel_fits(suffix, stem)


def _compile(table):
    compiled = {}
    for surfaces, slot, min_stem, level, *harmony in table:
        for surface in surfaces.split():
            compiled.setdefault(surface, []).append(_Rule(slot, min_stem, level, *harmony))
    return compiled


# (surfaces in folded spelling, consonant slot, shortest stem left, level).
_RULES = _compile([
    ("нын нин нун дын дин дун тын тин тун", "н", 2, _CASE),  # genitive
    ("ны ни ну ды ди ду ты ти ту", "н", 2, _CASE),  # accusative (and past tense -ды)
    ("га ге го ка ке ко", "г", 2, _CASE),  # dative
    ("да де до та те то", "д", 2, _CASE),  # locative
    ("дан ден дон тан тен тон", "д", 2, _CASE),  # ablative
    ("дагы деги догу тагы теги тогу", "д", 2, _CASE),  # locative + -гы: Баткендеги
    ("на не но нда нде ндо нан нен нон ндагы ндеги ндогу", "possessive", 3, _CASE),
    ("кы ки ку гы ги гу", "relativizer", 3, _CASE),  # кийинки, негизги
    ("сын син сун сы си су", "vowel", 2, _POSSESSIVE),  # 3rd person: бакча+сы
    ("ын ин ун ы и у", "consonant", 2, _POSSESSIVE),  # 3rd person: аймак+ы → аймагы
    ("ым им ум", "consonant", 4, _POSSESSIVE),  # 1st person singular
    ("ыбыз ибиз убуз", "consonant", 2, _POSSESSIVE),  # 1st person plural
    ("быз биз буз", "vowel", 2, _POSSESSIVE),
    ("лар лер лор дар дер дор тар тер тор", "л", 2, _PLURAL),
    ("чы чи чу", None, 3, _DERIVATION),  # тарбиячы, буйрутмачы
    ("лык лик лук дык дик дук тык тик тук", "л", 2, _DERIVATION),  # министрлик
    ("луу дуу туу", "л", 3, _DERIVATION, False),  # пайдалуу: folding hides -лүү's harmony
    ("сыз сиз суз", None, 3, _DERIVATION),  # даярдыксыз
])
_LONGEST_SUFFIX = max(map(len, _RULES))

# Words that look inflected but are not. The stemmer stops when it reaches one, and
# prefers a reading that reaches one («Нарында» is Нарын+да, not Нары+нда).
_KEEP = frozenset(fold_keyboard(word) for word in (
    "нарын", "ленин", "кемин", "алтын", "сокулук", "бостери", "аксы", "пайда", "жаңы",
    "туура", "бөлүк", "жыйын", "жакын", "кыйын", "бүгүн", "сайын", "эки", "алты", "жети",
    "тогуз", "мүмкүн", "жогору", "орун", "үлгү",
))
# Forms the rules cannot reach: бала + лар is written балдар.
_IRREGULAR = {"балдар": "бала"}


def _devoiced(stem):
    # Kyrgyz writes к/п between vowels as г/б: аймак+ы → аймагы, китеп+и → китеби.
    # Writing every final г/б of a stem as к/п makes both spellings one stem.
    if len(stem) >= 3 and stem[-1] in "гб":
        return stem[:-1] + ("к" if stem[-1] == "г" else "п")
    return stem


def _canonical(stem):
    """Drop final letters that some suffix readings leave and others take away.

    «органы» is орган+ы and «бакчаны» is бакча+ны; «фонду» is фонд+у and «ресурсту»
    ресурс+ту. Nothing in the letters tells the readings apart, so no stem ends in
    vowel+н, voiced+д or voiceless+т: орган → орга, фонд → фон, and both readings meet.
    For the same reason no stem ends in consonant + one short high vowel: «тургундар»
    keeps its -ун (a possessive cannot come before the plural) while «тургун» loses it,
    and both must meet (as турк).
    """
    while len(stem) >= 3:
        last, before = stem[-1], stem[-2]
        if not (
            (last == "н" and before in _VOWELS)
            or (last == "д" and before in _VOICED)
            or (last == "т" and before in _VOICELESS)
            or (last in "ыиу" and (before in _VOICED or before in _VOICELESS))
        ):
            break
        # Repeat, so that фонд → фон → фо meets «фонду» read as фон+ду.
        stem = stem[:-1]
    return _devoiced(stem)


def _strip_one(word, below_level):
    """The word without its outermost suffix below `below_level`, and that level."""
    found = []
    for length in range(min(_LONGEST_SUFFIX, len(word) - 1), 0, -1):
        suffix, rest = word[-length:], word[:-length]
        for rule in _RULES.get(suffix, ()):
            if rule.level < below_level and rule.allows(suffix, rest):
                found.append((rest, rule.level))
                break
    if not found:
        return None, None
    return next((item for item in found if _devoiced(item[0]) in _KEEP), found[0])


def is_ending(text):
    """Whether `text` is nothing but inflectional suffixes, as in «ЖӨБ-дүн», «КР-да».

    >>> is_ending("дүн"), is_ending("жылы")
    (True, False)
    """
    return _is_suffix_chain(fold_keyboard(normalize(text)))


@functools.lru_cache(maxsize=4096)
def _is_suffix_chain(text):
    if not text:
        return False
    for length in range(1, min(_LONGEST_SUFFIX, len(text)) + 1):
        rules = _RULES.get(text[:length], ())
        if any(rule.level > _DERIVATION for rule in rules):
            if length == len(text) or _is_suffix_chain(text[length:]):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def stem(word):
    """Return the stem of one Kyrgyz word (any case, any keyboard), keyboard-folded.

    >>> stem("балдарыбыздын") == stem("бала")
    True
    """
    word = fold_keyboard(normalize(word))
    if word.endswith("ь"):
        # Russian loans lose the soft sign before a suffix: февраль → февралда.
        word = word[:-1]
    below_level = _CASE + 1
    for _ in range(8):
        word = _IRREGULAR.get(word, word)
        if word in _KEEP or word.endswith("стан"):
            # Кыргызстан, Казакстан: -тан here is part of the name, not the ablative.
            return word
        stripped, level = _strip_one(word, below_level)
        if stripped is None:
            break
        word = _devoiced(stripped)
        # Derivational suffixes stack (артык+чы+лык+туу); inflection never repeats.
        below_level = level if level > _DERIVATION else _PLURAL
    return _canonical(_devoiced(word))


STOPWORDS = frozenset(fold_keyboard(word) for word in """
    жана менен үчүн бул ал алар анын алардын аларды аларга алардан аны ага андан анда
    мында мындан буга буну мунун ушуну ошого ошол ошону ошондо ошондой ошентип ушул ушундай
    мындай андай да дагы де деп деген эле эми же бирок гана боюнча жөнүндө тууралуу
    аркылуу сыяктуу катары чейин кийин мурда үстүндө астында ичинде менин сенин биздин
    силердин сиздин мен сен биз сиз силер ким эмне кандай кайсы качан кайда канча эч ар
    болуп болгон болот болсо экен экенин элек ошондуктан анткени себеби мисалы ж б
    башка өтө абдан эң ооба
""".split())
