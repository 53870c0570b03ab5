"""The practices an engine ranks first for a judged query, by external id.

Wagtail's ranking needs its stock index: call it inside
`wagtail_baseline.stock_wagtail_search()`.

A judged query may carry filters, as a reader's request would; the portal's
engines get them in the `SearchQuery`, and Wagtail's search gets the same
narrowing as a queryset filter, so the baseline answers the same question.
"""

from benchmarks.relevance import CUTOFF, unique_in_order
from benchmarks.relevance.wagtail_baseline import STOCK_BACKEND
from practices.models import PracticePage
from search.analysis import analyze_query
from search.engines import get_engine
from search.engines.base import SearchQuery

WAGTAIL = "wagtail"
# How Wagtail's baseline applies each facet a judgment may filter on.
WAGTAIL_FILTERS = {
    "oblast": "locations__oblast__slug",
    "rayon": "locations__rayon__slug",
    "municipality": "locations__municipality__slug",
    "service": "service_types__slug",
    "funding": "funding__slug",
    "group": "groups__slug",
    "status": "status",
}


def judged_query(item):
    """The `SearchQuery` a reader's request for this judged query would build."""
    text, language = item["query"], item["language"]
    return SearchQuery(text=text, analyzed=analyze_query(text, language), language=language,
                       filters=dict(item.get("filters", {})), per_page=CUTOFF)


def wagtail_pages(item):
    """Live practices narrowed by the judged query's filters, for Wagtail's search."""
    pages = PracticePage.objects.live()
    for name, value in item.get("filters", {}).items():
        if name not in WAGTAIL_FILTERS:
            raise ValueError(f"Wagtail's baseline cannot filter on {name!r}")
        pages = pages.filter(pk__in=PracticePage.objects.filter(**{WAGTAIL_FILTERS[name]: value}).values("pk"))
    return pages


def ranked_cases(engine_name, item, external_ids):
    """External ids of the first ten practices the engine (or `WAGTAIL`) finds for `item`."""
    if engine_name == WAGTAIL:
        pages = wagtail_pages(item).search(item["query"], backend=STOCK_BACKEND)[: CUTOFF * 3]
        return unique_in_order(external_ids.get(page.pk) for page in pages)[:CUTOFF]
    hits = get_engine(engine_name).search(judged_query(item)).hits
    return unique_in_order(external_ids.get(hit.page_id) for hit in hits)[:CUTOFF]
