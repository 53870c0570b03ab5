"""Did you mean: for a query that finds nothing, the same query with its mistyped words corrected.

The words come from the indexed pages (`SearchWord`), learned as pages are
indexed whichever engine runs, so both engines suggest the same thing. A word
counts as known when the vocabulary has it, or has another form of it (the
same stem): «балдарга» is no typo when pages say «балдар». An unknown word is
replaced by the known word nearest to it in edits, the more frequent on a tie.
The caller offers the corrected query only if it finds pages.
"""

import re
from collections import Counter

from django.db import transaction
from django.db.models import F

from search.analysis.normalize import clean, fold_keyboard, normalize
from search.analysis.terms import term
from search.models import SearchWord

MIN_LENGTH = 3
MAX_LENGTH = SearchWord._meta.get_field("word").max_length
# SQLite allows a limited number of variables per statement.
CHUNK = 500
_WORD = re.compile(r"[^\W\d_]+")


def _allowed_edits(length):
    # One typo in a short word already makes it another word; long words bear two.
    return 1 if length <= 5 else 2


def _stem(word, language):
    return term(word, language if language in ("ky", "ru") else "ky") or ""


def _page_words(document):
    text = " ".join((document.title, document.summary, document.body, document.keywords, document.places))
    found = {}
    for word in _WORD.findall(clean(text)):
        if MIN_LENGTH <= len(word) <= MAX_LENGTH:
            lowered = normalize(word)
            found.setdefault(fold_keyboard(lowered), lowered)
    return found


def learn(documents):
    """Add the words of these `SearchDocument`s to the vocabulary, counting the pages they are on."""
    counts, shown, languages = Counter(), {}, {}
    for document in documents:
        words = _page_words(document)
        counts.update(words.keys())
        for folded, lowered in words.items():
            shown.setdefault(folded, lowered)
            languages.setdefault(folded, document.language)
    keys = sorted(counts)
    with transaction.atomic():
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            known = set(SearchWord.objects.filter(folded__in=chunk).values_list("folded", flat=True))
            # One UPDATE per distinct count, not per word: publishing one page adds 1 to all its words.
            by_count = {}
            for folded in known:
                by_count.setdefault(counts[folded], []).append(folded)
            for count, words in by_count.items():
                SearchWord.objects.filter(folded__in=words).update(documents=F("documents") + count)
            SearchWord.objects.bulk_create(
                [
                    SearchWord(
                        folded=folded, word=shown[folded], initial=folded[0], length=len(folded),
                        stem=_stem(shown[folded], languages[folded])[:MAX_LENGTH], documents=counts[folded],
                    )
                    for folded in chunk
                    if folded not in known
                ],
                # Two indexing tasks may learn the same new word at once.
                ignore_conflicts=True,
            )


def forget_all():
    """Empty the vocabulary, before a rebuild learns it again from every page."""
    SearchWord.objects.all().delete()


def edit_distance(a, b, limit):
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`; `limit + 1` if more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


def _known(folded_words):
    """The query words the vocabulary knows, as written or in another form."""
    known = set(SearchWord.objects.filter(folded__in=folded_words).values_list("folded", flat=True))
    stems = {folded: {_stem(folded, "ky"), _stem(folded, "ru")} - {""} for folded in folded_words}
    found_stems = set(
        SearchWord.objects.filter(stem__in=set().union(*stems.values())).values_list("stem", flat=True)
    ) if stems else set()
    return known | {folded for folded, own in stems.items() if own & found_stems}


def _nearest(folded):
    limit = _allowed_edits(len(folded))
    candidates = SearchWord.objects.filter(
        initial=folded[0], length__gte=len(folded) - limit, length__lte=len(folded) + limit
    ).values_list("folded", "word", "documents")
    best = None
    for candidate, word, documents in candidates.iterator(chunk_size=2000):
        distance = edit_distance(folded, candidate, limit)
        if distance <= limit and (best is None or (distance, -documents) < best[:2]):
            best = (distance, -documents, word)
    return best[2] if best else None


def corrected_query(text):
    """`text` with each unknown word replaced by the nearest known one; "" when nothing changes."""
    matches = [m for m in _WORD.finditer(text) if MIN_LENGTH <= len(m.group()) <= MAX_LENGTH]
    folded = {m.group(): fold_keyboard(normalize(m.group())) for m in matches}
    if not folded:
        return ""
    known = _known(set(folded.values()))
    replacements = {}
    for word, key in folded.items():
        if key in known or not term(word, "ky"):
            continue
        nearest = _nearest(key)
        if nearest:
            replacements[word] = nearest.capitalize() if word[:1].isupper() else nearest
    if not replacements:
        return ""
    return _WORD.sub(lambda m: replacements.get(m.group(), m.group()), text)
