"""A light Kyrgyz stemmer and the Kyrgyz stopwords.

Kyrgyz stacks suffixes after the root in a fixed order: derivation, plural, possessive,
case (бала → балдар → балдарыбыз → балдарыбыздын). The stemmer peels them off from the
end, one at a time, and only inwards (after a possessive, no case ending can come off,
so «органынын» is орган+ы+нын, never орга+ны+нын). A suffix comes off only when

- its vowel follows vowel harmony with the last vowel left in the stem,
- its first consonant is the variant the stem's last sound calls for
  (мектеп+ке, Баткен+ге; мектеп+тер, уюм+дар, бала+лар), and
- enough of the word is left (бала stays бала, never бал).

Verbs take their forms inside the nominal suffixes: voice (passive -ыл, causative
-дыр, reciprocal -ыш), then a verbal noun (-уу), participle (-ган), converb (-ып) or
tense (-ды, -ат), then plural and case (кур+ул+ган+дар+дын). So куруу, куруп, курулду,
курулган and курдуруу all reach кур, and ачуу, ачып, ачылган, ачтырды reach ач.
Voice comes off only inside a verb form, never from a bare word or a noun form, so
айыл (village) does not become ай+ыл, and кол (hand) stays apart from колдоо
(support: the -ла/-да/-та that makes verbs from nouns never comes off).

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
# A verb form (verbal noun, participle, converb, tense) sits inside the nominal
# suffixes (курул+ган+дар+дын) and voice (passive, causative, reciprocal) inside it.
_CASE, _POSSESSIVE, _PLURAL, _DERIVATION, _VERB, _VOICE = 4, 3, 2, 1, 0, -1


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
    if slot in ("consonant", "reciprocal"):
        return last in _VOICED or last in _VOICELESS
    if slot == "possessive":
        # -на, -нда, -нан come after the possessive -ы/-сы: бакча+сы+нда, аймаг+ы+нда.
        return last in "ыиу"
    if slot == "relativizer":
        # кийин+ки, азыр+кы, ич+ки, негиз+ги; after other consonants -гы/-кы would be
        # the possessive -ы (калк+ы, аймаг+ы).
        return last in "нрчштй" if suffix[0] == "к" else last == "з"
    if slot == "vowel_base":
        # A verb whose stem ends in a vowel: иште+п, сакта+ган, даярда+ды.
        return last in _VOWELS
    if slot == "long_vowel":
        # The verbal noun lengthens a final vowel: колдо → колдоо, сакта → сактоо,
        # иште → иштөө (иштоо once folded), so -о comes off after о.
        return last == "о" and stem[-2] not in _VOWELS
    if slot == "passive":
        # -ыл after any consonant but л (ач+ыл, кур+ул); after л it is -ын (ал+ын).
        return last != "л" and (last in _VOICED or last in _VOICELESS)
    if slot == "after_l":
        return last == "л"
    if slot == "after_vowel":
        # The passive -л and reciprocal -ш after a vowel: кара+л+ган, талкуула+ш+ат.
        return last in _VOWELS
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
    __slots__ = ("slot", "min_stem", "level", "harmony", "needs", "restore")

    def __init__(self, slot, min_stem, level, harmony=True, needs=None, restore=""):
        self.slot, self.min_stem, self.level, self.harmony = slot, min_stem, level, harmony
        self.needs, self.restore = needs, restore

    def allows(self, suffix, stem):
        if len(stem) < self.min_stem:
            return False
        if self.level <= _VERB and not _verb_stem_fits(stem + self.restore):
            return False
        consonant_slot = _CONSONANT_SLOTS.get(self.slot)
        if consonant_slot:
            expected = _expected_consonant(consonant_slot, stem)
            # Derivation after р, й takes л or д alike: шаар+лык but даяр+дык, бир+дик.
            if expected == "л" and stem[-1] in "йр" and self.level == _DERIVATION:
                expected = "лд"
            if expected is not None and suffix[0] not in expected:
                return False
        elif not _stem_end_fits(self.slot, suffix, stem):
            return False
        if self.harmony and not _vowel_fits(suffix, stem):
            return False
        return self.needs is None or _ends_in_voice(stem, self.needs)


def _verb_stem_fits(stem):
    """Whether `stem` can be what is left of a verb: a vowel in it, and at least three
    letters unless it ends in a consonant (ач, ал, өт). «Клуб» is no verb кл+уп, and
    no verb form is cut down to a stem like «де» or «кы»."""
    if not _VOWELS.intersection(stem):
        return False
    return len(stem) >= 3 or stem[-1] not in _VOWELS


# Slots whose suffix changes its first consonant after the stem (see _expected_consonant).
_CONSONANT_SLOTS = {"л": "л", "н": "н", "д": "д", "г": "г", "causative": "д"}


def _ends_in_voice(stem, kinds):
    """Whether `stem` ends in a voice suffix of one of these kinds that may come off.

    Some verb endings are also noun endings: -ды is the past tense (курул+ду) and the
    accusative (айыл+ды), -ат the present tense (алын+ат) and the end of кызмат.
    They are read as verb endings only after a voice suffix, which nouns rarely end in.
    A noun ending in a vowel and л or ш is common (мисал, портал, кеңеш), so after a
    vowel only the voice of verbs made from nouns with -ла/-да/-та counts (башта+л+ды).
    """
    if stem in _KEEP:
        return False
    for length in range(1, min(4, len(stem))):
        suffix, rest = stem[-length:], stem[:-length]
        for rule in _RULES.get(suffix, ()):
            if rule.level != _VOICE or not rule.allows(suffix, rest):
                continue
            kind = rule.slot
            if kind == "after_vowel":
                kind = f"denominal {suffix}" if rest[-2] in "лдт" else None
            if kind in kinds:
                return True
    return False


def _compile(table):
    compiled = {}
    for surfaces, slot, min_stem, level, *options in table:
        for surface in surfaces.split():
            compiled.setdefault(surface, []).append(_Rule(slot, min_stem, level, *options))
    return compiled


# The voice suffixes that may stand before an ending that is also a noun ending. The
# reciprocal is left out: жумуш+ту and кеңеш+ти are nouns far more often than not.
_PASSIVE = frozenset({"passive", "after_l", "causative", "denominal л"})
_ANY_VOICE = _PASSIVE | {"reciprocal", "denominal ш"}

# (surfaces in folded spelling, slot, shortest stem left, level[, harmony, needs,
# letters the stem gets back]). A surface's rules are tried in this order.
_RULES = _compile([
    ("ды ди ду", "vowel_base", 3, _VERB),  # past tense after a vowel: даярда+ды
    ("ды ди ду ты ти ту", "д", 2, _VERB, True, _PASSIVE),  # курул+ду, ачтыр+ды
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
    ("чы чи чу", None, 3, _DERIVATION),  # тарбиячы, буйрутмачы, аткаруу+чу
    ("лык лик лук дык дик дук тык тик тук", "л", 2, _DERIVATION),  # министрлик
    ("луу дуу туу", "л", 3, _DERIVATION, False),  # пайдалуу: folding hides -лүү's harmony
    ("сыз сиз суз", None, 3, _DERIVATION),  # даярдыксыз
    # Verb forms. Folding merges -уу/-үү and -оо/-өө, so their harmony is not checked.
    ("уу", "consonant", 2, _VERB, False),  # verbal noun: кур+уу, чеч+үү
    ("юу юп", "vowel_base", 2, _VERB, False, None, "й"),  # кой+уу, кой+уп: коюу, коюп
    ("о", "long_vowel", 3, _VERB, False),  # verbal noun after a vowel: колдо+о
    ("ган ген гон кан кен кон", "г", 2, _VERB),  # participle: курул+ган, өт+көн
    ("ып ип уп", "consonant", 2, _VERB),  # converb: ач+ып, бер+ип
    ("п", "vowel_base", 3, _VERB, False),  # converb after a vowel: иште+п
    ("ат ет от", "consonant", 2, _VERB, True, _ANY_VOICE),  # present: алын+ат, бил+иш+ет
    ("йт", "vowel_base", 3, _VERB, False),  # present after a vowel: иште+йт
    ("ыш иш уш", "consonant", 2, _VERB, True, _PASSIVE),  # action noun: ашырыл+ыш
    # Voice, only inside a verb form.
    ("ыл ил ул", "passive", 2, _VOICE),  # ач+ыл, кур+ул
    ("ын ин ун", "after_l", 2, _VOICE),  # ал+ын, бөл+үн
    ("л ш", "after_vowel", 3, _VOICE, False),  # кара+л, талкуула+ш
    ("юл юш", "vowel_base", 2, _VOICE, False, None, "й"),  # кой+ул is written коюл
    ("дыр дир дур тыр тир тур", "causative", 2, _VOICE),  # кур+дур, ач+тыр
    ("ыш иш уш", "reciprocal", 2, _VOICE),  # жет+иш, бер+иш
])
_LONGEST_SUFFIX = max(map(len, _RULES))

# Words that look inflected but are not. The stemmer stops when it reaches one, and
# prefers a reading that reaches one («Нарында» is Нарын+да, not Нары+нда).
_KEEP = frozenset(fold_keyboard(word) for word in (
    "нарын", "ленин", "кемин", "алтын", "сокулук", "бостери", "аксы", "пайда", "жаңы",
    "туура", "бөлүк", "жыйын", "жакын", "кыйын", "бүгүн", "сайын", "эки", "алты", "жети",
    "тогуз", "мүмкүн", "жогору", "орун", "үлгү",
    # Nouns and adjectives that end like a verb form or a voice suffix, and would
    # otherwise meet a short, unrelated root: айыл+ды is not ай+ыл+ды (month), жылуу
    # (warm) is not жыл+уу (year), жооп (answer) not жөө (on foot) once folded.
    "айыл", "жайыл", "кызыл", "акыл", "жашыл", "жылуу", "катуу", "кызуу", "улуу",
    "сулуу", "жооп", "тартип", "майып", "портал", "өзгөн", "коргон", "жабдуу",
    # Verbs whose meaning has moved away from the root they are built on: катыш
    # (take part) is not кат (letter), бөлүш (share) not бол (be) once folded.
    "катыш", "бөлүш",
))
# Verb stems that keep the н `_canonical` takes off other stems: колдон (use) is not
# колдо (support), түшүн (understand) not түш (fall).
_KEEP_FINAL_N = frozenset(fold_keyboard(word) for word in ("колдон", "түшүн"))
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
    while len(stem) >= 3 and stem not in _KEEP_FINAL_N:
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
    """The word without its outermost suffix below `below_level`, and that level.

    Voice suffixes come off only right inside a verb form (`below_level` is _VERB):
    «курулду» is кур+ул+ду, but «айылда» is айыл+да, not ай+ыл+да.
    """
    found = []
    for length in range(min(_LONGEST_SUFFIX, len(word) - 1), 0, -1):
        suffix, rest = word[-length:], word[:-length]
        for rule in _RULES.get(suffix, ()):
            if rule.level >= below_level or (rule.level == _VOICE) != (below_level == _VERB):
                continue
            if rule.allows(suffix, rest):
                found.append((rest + rule.restore, rule.level))
                break
    if not found:
        return None, None
    # A noun reading that reaches a listed word wins (Нарын+да, not Нары+нда); a verb
    # reading never does (жет+иш+кен, not жети+ш+кен with жети, seven).
    return next(
        (item for item in found if item[1] > _DERIVATION and _devoiced(item[0]) in _KEEP),
        found[0],
    )


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
    # Devoiced from the start, so that «клуб» is read as «клубдар» is after its -дар.
    word = _devoiced(word)
    below_level, verbal = _CASE + 1, False
    for _ in range(10):
        word = _IRREGULAR.get(word, word)
        if word in _KEEP or word.endswith("стан"):
            # Кыргызстан, Казакстан: -тан here is part of the name, not the ablative.
            return word
        stripped, level = _strip_one(word, below_level)
        if stripped is None:
            break
        word = _devoiced(stripped)
        # Derivational suffixes stack (артык+чы+лык+туу) and voice suffixes too
        # (кур+дур+ул); inflection never repeats.
        if level > _DERIVATION:
            below_level = level
        else:
            below_level = _PLURAL if level == _DERIVATION else _VERB
            verbal = verbal or level <= _VERB
    word = _canonical(_devoiced(word))
    if verbal and word[-1] in "ае" and len(word) >= 3:
        # A verb stem's last vowel shows as о in the verbal noun (сакта → сактоо,
        # иште → иштөө), so stems ending in а, е, о meet in о: сактап, сактоо → сакто.
        # After `_canonical`, so that каржылан+ып (каржыла) meets каржылоо too.
        word = word[:-1] + "о"
    return word


STOPWORDS = frozenset(fold_keyboard(word) for word in """
    жана менен үчүн бул ал алар анын алардын аларды аларга алардан аны ага андан анда
    мында мындан буга буну мунун ушуну ошого ошол ошону ошондо ошондой ошентип ушул ушундай
    мындай андай да дагы де деп деген эле эми же бирок гана боюнча жөнүндө тууралуу
    аркылуу сыяктуу катары чейин кийин мурда үстүндө астында ичинде менин сенин биздин
    силердин сиздин мен сен биз сиз силер ким эмне кандай кайсы качан кайда канча кантип эч ар
    болуп болгон болот болсо турган экен экенин элек ошондуктан анткени себеби мисалы ж б
    башка өтө абдан эң ооба
""".split())
