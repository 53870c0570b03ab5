"""Character-level clean-up shared by indexing and querying.

Three steps, each its own function because callers need them separately:

- `clean(text)` keeps case but fixes the characters: Unicode compatibility forms,
  invisible and control characters, old or foreign letters used for Kyrgyz ones,
  and Latin look-alikes typed inside Cyrillic words (and the other way round).
- `normalize(text)` is `clean` plus casefolding and ё → е.
- `fold_keyboard(text)` maps ө, ү, ң to о, у, н.
"""

import functools
import re
import unicodedata

# Seed 001 writes ѳ/Ѳ (Old Cyrillic fita) for ө/Ө and ӊ (en with tail) for ң, because
# older fonts and keyboards lacked the Kyrgyz letters; Altai, Khakas and Mari letters
# that look the same turn up for the same reason.
_VARIANT_LETTERS = {
    "ѳ": "ө", "Ѳ": "Ө", "ɵ": "ө", "Ɵ": "Ө", "ӧ": "ө", "Ӧ": "Ө",
    "ӱ": "ү", "Ӱ": "Ү",
    "ӊ": "ң", "Ӊ": "Ң", "ӈ": "ң", "Ӈ": "Ң", "ҥ": "ң", "Ҥ": "Ң",
    # Hyphens other than U+002D join compounds such as «Ак‑Чий» just the same.
    "\u2010": "-", "\u2011": "-",
}

# Latin letters that look like Cyrillic ones, as typed inside Cyrillic words by
# people switching keyboards mid-word or copying from scanned text.
_LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "ö": "ө", "Ö": "Ө", "ü": "ү", "Ü": "Ү", "ñ": "ң", "Ñ": "Ң", "ŋ": "ң", "Ŋ": "Ң",
    "ë": "ё", "Ë": "Ё",
}
_CYRILLIC_TO_LATIN = {
    cyr: lat for lat, cyr in _LATIN_TO_CYRILLIC.items() if lat.isascii()
}
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)

_KEYBOARD_FOLDING = str.maketrans({"ө": "о", "ү": "у", "ң": "н", "Ө": "О", "Ү": "У", "Ң": "Н"})

_LATIN_LETTERS = re.compile("[A-Za-zÀ-ÖØ-öø-ɏ]+")
_ANY_CYRILLIC = re.compile("[Ѐ-ҁҊ-ӿ]")


@functools.cache
def _repairs():
    """Character repairs: a map from character to replacement, and patterns finding them.

    - Control characters and lone surrogates become spaces (tabs and newlines already
      separate words and are left alone).
    - Format characters vanish: soft hyphens, zero-width spaces and joiners, BOMs and
      bidi marks sit inside words pasted from the web or Word, and must not split them.
    - Combining marks vanish: NFKC has already composed й, ё, ӧ, ӱ from their parts,
      so a mark still standing is decoration, such as a Russian stress accent.
    - Variant letters become Kyrgyz ones.

    Built on first use: scanning Unicode takes a moment. There are two patterns because
    `re` checks a class of characters beyond U+FFFF range by range, which is slow, so
    that one only runs on the rare text that has such characters at all.
    """
    replacements = {}
    for code in (*range(0x40000), *range(0xE0000, 0xE1000)):
        # Control, format and combining characters live in planes 0-3 and 14 only.
        category = unicodedata.category(chr(code))
        if category in ("Cc", "Cs") and chr(code) not in "\t\n\r\v\f":
            replacements[chr(code)] = " "
        elif category in ("Cf", "Mn"):
            replacements[chr(code)] = ""
    replacements.update(_VARIANT_LETTERS)
    basic = _character_class(ch for ch in replacements if ch <= "\uffff")
    astral = _character_class(ch for ch in replacements if ch > "\uffff")
    return replacements, basic, astral


def _character_class(characters):
    ranges = []
    for code in sorted(map(ord, characters)):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    body = "".join(
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in ranges
    )
    return re.compile(f"[{body}]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _repaired(text):
    replacements, basic, astral = _repairs()

    def replace(match):
        return replacements[match.group()]

    # Substituting the few matches beats translating every character of a long text.
    text = basic.sub(replace, text)
    if _ASTRAL.search(text):
        text = astral.sub(replace, text)
    return text


def clean(text):
    """Return `text` with its characters repaired and its case kept.

    Never raises: anything that is not a string is treated as empty.
    """
    if not isinstance(text, str) or not text:
        return ""
    if "№" in text:
        # NFKC would turn «№70» into «No70»; the number sign is punctuation here.
        text = text.replace("№", " ")
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _repaired(text)
    if not text.isascii() and _ANY_CYRILLIC.search(text):
        text = _one_script_words(text)
    return text


def _one_script_words(text):
    """Make each word that mixes Latin and Cyrillic look-alikes one script.

    «Cоциалдык» with a Latin C becomes all Cyrillic, because every Latin letter in it
    has a Cyrillic twin; «USAIDдин» stays as it is, because S, I, D have none.
    """
    pieces, position = [], 0
    for latin in _LATIN_LETTERS.finditer(text):
        start, end = latin.span()
        if start < position:
            continue
        touches_cyrillic = (start and _is_cyrillic_letter(text[start - 1])) or (
            end < len(text) and _is_cyrillic_letter(text[end])
        )
        if not touches_cyrillic:
            continue
        while start > position and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        pieces += [text[position:start], _one_script(text[start:end])]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _is_cyrillic_letter(ch):
    return "Ѐ" <= ch <= "ӿ" and ch.isalpha()


def _one_script(word):
    latin = [ch for ch in word if ch.isascii() or "À" <= ch <= "ɏ"]
    if all(ch in _LATIN_TO_CYRILLIC for ch in latin):
        return word.translate(_TO_CYRILLIC)
    cyrillic = [ch for ch in word if "Ѐ" <= ch <= "ӿ"]
    if all(ch in _CYRILLIC_TO_LATIN for ch in cyrillic):
        return word.translate(_TO_LATIN)
    return word


def normalize(text):
    """Return `clean(text)` casefolded, with ё written as е.

    Casefolding can leave combining marks behind (İ → i + dot above); they are dropped
    so that words stay made of letters and digits only.
    """
    text = clean(text).casefold()
    if not text.isascii():
        text = _repaired(text).replace("ё", "е")
    return text


def fold_keyboard(text):
    """Return `text` with ө, ү, ң written as о, у, н.

    Readers without a Kyrgyz keyboard (and readers of Russian) type н, о, у for ң, ө, ү,
    so «онуктуруу» must meet «өнүктүрүү». Both index and query pass through this, so
    the two spellings become one term; the price is that a few word pairs merge
    (өт/от, көл/кол), which search can live with.
    """
    return text.translate(_KEYBOARD_FOLDING)


def fold(text):
    """Text as matched when readers type without Kyrgyz letters: normalised, ң ө ү folded to н о у."""
    return fold_keyboard(normalize(text))
