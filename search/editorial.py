"""What editors steer in search: promoted results, their own synonyms and lexicon rows, and the query log.

Picks are Wagtail's search promotions (wagtail.contrib.search_promotions),
edited in the admin under Settings. A pick made for «бала бакча» also shows
for «Бала бакчалар» or «бала бакча» typed without Kyrgyz letters: queries
are matched on their analysed terms, not on the letters typed.

None of this may break a search: a failure here is logged and the reader
gets the results without picks, or a search that is not counted.
"""

import datetime
import functools
import logging
import threading
import uuid

from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from search.analysis import analyze, build_synonyms, guess_language
from search.analysis.lexicon import build_lexicon
from search.analysis.normalize import clean

logger = logging.getLogger(__name__)

SYNONYMS_STATE_KEY = "synonyms"
LEXICON_STATE_KEY = "lexicon"
MAX_PICKS = 5


@functools.lru_cache(maxsize=4096)
def query_key(text):
    """What two queries must share to be "the same query" for picks: their analysed terms.

    Cached: every search compares the reader's query with every pick's query.
    """
    text = clean(str(text or ""))
    terms = analyze(text, guess_language(text))
    return " ".join(terms) if terms else " ".join(text.lower().split())


def log_form(text):
    """The query as the report shows it: lowercase, single spaces, at most 200 characters."""
    return " ".join(clean(str(text or "")).lower().split())[:200]


# Picks -------------------------------------------------------------------------


def promoted_results(text, language):
    """Editors' picks for the query: [{"title", "url", "description", "page", "query_id"}], best first.

    A picked page is shown in the reader's language when it has that
    translation, and only while it is live.
    """
    from wagtail.contrib.search_promotions.models import SearchPromotion

    key = query_key(text)
    if not key:
        return []
    try:
        # The table holds tens of rows, not thousands: comparing keys in Python is cheap.
        promotions = [
            promotion
            for promotion in SearchPromotion.objects.select_related("query", "page").order_by("sort_order", "pk")
            if query_key(promotion.query.query_string) == key
        ]
        picks = []
        for promotion in promotions:
            pick = _pick(promotion, language)
            if pick and pick["url"] not in {p["url"] for p in picks}:
                picks.append({**pick, "query_id": promotion.query_id})
        return picks[:MAX_PICKS]
    except DatabaseError:
        logger.exception("Editors' picks could not be read")
        return []


def _pick(promotion, language):
    if promotion.page_id:
        page = promotion.page.specific
        localized = page.get_translations(inclusive=True).live().filter(locale__language_code=language).first()
        page = localized.specific if localized else page
        if not page.live:
            return None
        return {
            "title": page.title,
            "url": page.url,
            "description": promotion.description or getattr(page, "summary", ""),
            "page": page,
        }
    if promotion.external_link_url:
        return {
            "title": promotion.external_link_text or promotion.external_link_url,
            "url": promotion.external_link_url,
            "description": promotion.description,
            "page": None,
        }
    return None


# The query log -------------------------------------------------------------------


def record_search(query, results):
    """Count one search of `query` for today, and whether it found nothing or only some words."""
    from search.models import SearchQueryDay

    text = log_form(query.text)
    if not text:
        return
    empty = int(results.total == 0)
    partial = int(bool(results.relaxed) and results.total > 0)
    try:
        # A savepoint: on PostgreSQL a failed statement must not spoil the request's transaction.
        with transaction.atomic():
            day, _ = SearchQueryDay.objects.get_or_create(
                query=text, language=query.language, date=timezone.localdate(),
            )
            SearchQueryDay.objects.filter(pk=day.pk).update(
                searches=F("searches") + 1,
                without_results=F("without_results") + empty,
                partial_results=F("partial_results") + partial,
            )
    except DatabaseError:
        logger.exception("A search could not be counted")


def record_pick_views(picks):
    """Count one view, for today, of each promoted query whose picks a reader was shown.

    Wagtail's promoted-results list shows these counts as «Views»; the portal
    matches picks itself (above), so Wagtail's own counting never runs.
    """
    from wagtail.contrib.search_promotions.models import QueryDailyHits

    for query_id in sorted({pick["query_id"] for pick in picks}):
        try:
            with transaction.atomic():
                day, _ = QueryDailyHits.objects.get_or_create(query_id=query_id, date=timezone.localdate())
                QueryDailyHits.objects.filter(pk=day.pk).update(hits=F("hits") + 1)
        except DatabaseError:
            logger.exception("A view of promoted results could not be counted")


def since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


# Editors' synonyms and lexicon ------------------------------------------------------


class EditorsTable:
    """A table of built-in rows plus the editors' rows of one model, rebuilt when a row changes.

    A token in the database (an `IndexState` row under `state_key`) changes with
    every saved or deleted row, so every web worker picks up an edit at its next
    search. Without the table (before migrate, or the database away) the built-in
    rows serve.
    """

    def __init__(self, state_key, model_name, read_rows, build, default, what):
        self.state_key = state_key
        self.model_name = model_name
        self._read_rows, self._build, self._default, self._what = read_rows, build, default, what
        self._lock = threading.Lock()
        self._cached = {"generation": None, "table": None}

    def current(self):
        from search.models import IndexState

        try:
            generation = (
                IndexState.objects.filter(key=self.state_key).values_list("generation", flat=True).first() or ""
            )
            if self._cached["generation"] == generation and self._cached["table"] is not None:
                return self._cached["table"]
            rows = self._read_rows()
        except DatabaseError:
            logger.exception("Editors' %s could not be read; using the built-in ones", self._what)
            return self._default()
        table = self._build(rows) if rows else self._default()
        with self._lock:
            self._cached.update(generation=generation, table=table)
        return table

    def changed(self, **kwargs):
        from search.models import IndexState

        IndexState.objects.update_or_create(key=self.state_key, defaults={"generation": uuid.uuid4().hex})

    def connect_signals(self):
        from django.apps import apps

        model = apps.get_model("search", self.model_name)
        post_save.connect(self.changed, sender=model, dispatch_uid=f"search-{self.state_key}-saved")
        post_delete.connect(self.changed, sender=model, dispatch_uid=f"search-{self.state_key}-deleted")


def _synonym_rows():
    from search.models import SynonymGroup

    return [(group.term, group.equivalent_list) for group in SynonymGroup.objects.all()]


def _lexicon_rows():
    from search.models import LexiconEntry

    return [(entry.expressions(), entry.replaces_built_in) for entry in LexiconEntry.objects.all()]


def _default_synonyms():
    from search.analysis.synonyms import default_synonyms

    return default_synonyms()


def _default_lexicon():
    from search.analysis.lexicon import default_lexicon

    return default_lexicon()


_synonyms = EditorsTable(SYNONYMS_STATE_KEY, "SynonymGroup", _synonym_rows, build_synonyms, _default_synonyms,
                         "synonyms")
_lexicon = EditorsTable(LEXICON_STATE_KEY, "LexiconEntry", _lexicon_rows, build_lexicon, _default_lexicon,
                        "lexicon rows")


def current_synonyms():
    """The built-in synonym table plus the editors' rows, rebuilt when a row changes."""
    return _synonyms.current()


def current_lexicon():
    """The built-in lexicon plus the moderators' rows, rebuilt when a row changes."""
    return _lexicon.current()


def connect_signals():
    _synonyms.connect_signals()
    _lexicon.connect_signals()
