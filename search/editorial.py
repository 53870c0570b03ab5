"""What editors steer in search: promoted results, their own synonyms, and the query log.

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
from search.analysis.normalize import clean

logger = logging.getLogger(__name__)

SYNONYMS_STATE_KEY = "synonyms"
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
    """Editors' picks for the query: [{"title", "url", "description", "page"}], best first.

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
                picks.append(pick)
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


def since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


# Editors' synonyms ------------------------------------------------------------------

_synonyms_lock = threading.Lock()
_synonyms = {"generation": None, "table": None}


def current_synonyms():
    """The built-in synonym table plus the editors' rows, rebuilt when a row changes.

    A token in the database changes with every saved or deleted row, so every
    web worker picks up an edit at its next search. Without the table (before
    migrate, or the database away) the built-in rows serve.
    """
    from search.analysis.synonyms import default_synonyms
    from search.models import IndexState, SynonymGroup

    try:
        generation = (
            IndexState.objects.filter(key=SYNONYMS_STATE_KEY).values_list("generation", flat=True).first() or ""
        )
        if _synonyms["generation"] == generation and _synonyms["table"] is not None:
            return _synonyms["table"]
        rows = [(group.term, group.equivalent_list) for group in SynonymGroup.objects.all()]
    except DatabaseError:
        logger.exception("Editors' synonyms could not be read; using the built-in ones")
        return default_synonyms()
    table = build_synonyms(rows) if rows else default_synonyms()
    with _synonyms_lock:
        _synonyms.update(generation=generation, table=table)
    return table


def synonyms_changed(**kwargs):
    from search.models import IndexState

    IndexState.objects.update_or_create(key=SYNONYMS_STATE_KEY, defaults={"generation": uuid.uuid4().hex})


def connect_signals():
    from search.models import SynonymGroup

    post_save.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search-synonyms-saved")
    post_delete.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="search-synonyms-deleted")
