"""Keys for sorting and matching Kyrgyz, Russian and English titles the same way on any database.

Database collations disagree about Cyrillic: SQLite compares code points, which
puts ң, ө and ү after я; PostgreSQL's depends on the server's locale. A key
made only of lower-case ASCII letters and digits sorts the same everywhere.
"""

import unicodedata

from search.analysis.normalize import fold_keyboard, normalize

# The Kyrgyz alphabet; Russian uses the same letters minus ң, ө and ү.
CYRILLIC_ORDER = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

_KEYS = {" ": "00"}
for _digit in "0123456789":
    _KEYS[_digit] = "0" + _LETTERS[int(_digit) + 1]
for _index, _letter in enumerate(CYRILLIC_ORDER):
    _KEYS[_letter] = ("1" if _index < 26 else "2") + _LETTERS[_index % 26]
for _letter in _LETTERS:
    _KEYS[_letter] = "3" + _letter

# Old texts write ѳ and ӊ for ө and ң.
_VARIANTS = str.maketrans({"ѳ": "ө", "ӊ": "ң", "ӈ": "ң"})


def normalise_letters(text):
    return unicodedata.normalize("NFC", text or "").casefold().translate(_VARIANTS)


def sort_key(text):
    key, previous_space = [], True
    for char in normalise_letters(text):
        code = _KEYS.get(char)
        if code is None:
            if char.isspace() or not char.isalnum():
                code = "00"
            else:
                continue
        if code == "00":
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        key.append(code)
    return "".join(key).rstrip("0") if key and key[-1] == "00" else "".join(key)


def fold_for_matching(text):
    """Text as the search analysis folds it (case, ө→о, ү→у, ң→н, ё→е), so «онугуу» meets «өнүгүү»."""
    return " ".join(fold_keyboard(normalize(text or "")).split())
