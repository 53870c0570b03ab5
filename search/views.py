"""The public search page, its JSON twin and autocomplete."""

import math

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from portal.parsing import clean_query, parse_int
from practices.browse import FACET_LABELS, SETTLEMENTS
from practices.models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    PracticePage,
    PracticeStatus,
    Rayon,
    ServiceType,
)
from search.editorial import promoted_results, record_pick_views, record_search
from search.engines.base import FACETS, PAGE_LANGUAGES
from search.query import build_query
from search.service import run_autocomplete, run_search

FACET_MODELS = {
    "oblast": Oblast, "rayon": Rayon, "municipality": Municipality, "service": ServiceType,
    "funding": FundingMechanism, "group": BeneficiaryGroup,
}
SHOWN_OPTIONS = 12


def _labels(facet, values):
    if facet in FACET_MODELS:
        return {unit.slug: unit.name for unit in FACET_MODELS[facet].objects.filter(slug__in=values)}
    if facet == "status":
        return dict(PracticeStatus.choices)
    if facet == "settlement":
        return dict(SETTLEMENTS)
    return {value: value for value in values}


def facet_options(results, query):
    """For each facet: options with labels and counts, most frequent first (years newest first)."""
    shown = []
    for facet in FACETS:
        counts = results.facets.get(facet) or {}
        if not counts:
            continue
        labels = _labels(facet, list(counts))
        if facet == "year":
            ordered = sorted(counts, key=lambda v: -(parse_int(v) or 0))
        else:
            ordered = sorted(counts, key=lambda v: (-counts[v], str(labels.get(v, v))))
        selected = query.filters.get(facet)
        options = [
            {"value": v, "label": labels.get(v, v), "count": counts[v], "selected": v == selected}
            for v in ordered if v in labels
        ][: SHOWN_OPTIONS if facet != "year" else 30]
        shown.append({"name": facet, "label": FACET_LABELS[facet], "options": options, "selected": selected})
    return shown


def _pages_for(hits, language=None):
    """The hits' pages in one query, in the engine's order; a page gone meanwhile is skipped.

    Each page gets `other_versions`: every live translation of its case, not
    only those that matched, the reader's language first, so a reader always
    finds the case in their own language when it exists.
    """
    pages = (
        PracticePage.objects.live()
        .filter(pk__in=[hit.page_id for hit in hits])
        .select_related("locale")
        .prefetch_related("locations__oblast", "locations__municipality", "service_types")
        .in_bulk()
    )
    keys = {page.translation_key for page in pages.values()}
    versions = {}
    for version in (
        PracticePage.objects.live().filter(translation_key__in=keys).select_related("locale")
        .only("id", "title", "url_path", "translation_key", "locale__language_code")
        .order_by("locale__language_code")
    ):
        versions.setdefault(version.translation_key, []).append(version)
    found = []
    for hit in hits:
        page = pages.get(hit.page_id)
        if page is None:
            continue
        others = [version for version in versions.get(page.translation_key, []) if version.pk != page.pk]
        page.other_versions = sorted(others, key=lambda version: version.locale.language_code != language)
        found.append((page, hit))
    return found


def _searched(query):
    """(results, editors' picks) for the query; picks on the first page only."""
    if not query.text:
        return None, []
    results = run_search(query)
    picks = promoted_results(query.text, query.language) if query.page == 1 else []
    if query.page == 1 and not query.filters:
        # Paging and narrowing are the same search again, not a new one.
        record_search(query, results)
        record_pick_views(picks)
    return results, picks


def search_page(request):
    query = build_query(request.GET)
    results, picks = _searched(query)
    pages = math.ceil(results.total / query.per_page) if results else 0
    context = {
        "query": query,
        "results": results,
        "found": _pages_for(results.hits, query.language) if results else [],
        "picks": picks,
        "facets": facet_options(results, query) if results else [],
        "page_number": query.page,
        "page_count": pages,
        "unknown_filters": [
            name for name, value in query.filters.items()
            if name in FACET_MODELS and not FACET_MODELS[name].objects.filter(slug=value).exists()
        ],
        "service_types": ServiceType.objects.all(),
    }
    return TemplateResponse(request, "search/search_page.html", context)


def search_json(request):
    # The API lives outside the language prefixes; ?language= picks the reader's language.
    requested = request.GET.get("language")
    query = build_query(request.GET, language=requested if requested in PAGE_LANGUAGES else None)
    results, picks = _searched(query)
    found = _pages_for(results.hits, query.language) if results else []
    return JsonResponse(
        {
            "query": query.text,
            "language": query.language,
            "total": results.total if results else 0,
            "page": query.page,
            "engine": results.engine if results else "",
            "results": [
                {
                    "id": page.pk,
                    "title": page.title,
                    "url": page.get_full_url(request),
                    "language": page.locale.language_code,
                    "summary": page.summary,
                    "snippet": hit.snippet,
                    "score": round(hit.score, 4),
                    "places": [loc.most_specific.name for loc in page.locations.all()],
                    "service_types": [s.slug for s in page.service_types.all()],
                    "translations": [
                        {
                            "id": version.pk, "language": version.locale.language_code, "title": version.title,
                            "url": version.get_full_url(request),
                        }
                        for version in page.other_versions
                    ],
                }
                for page, hit in found
            ],
            "picks": [
                {
                    "title": pick["title"],
                    "url": request.build_absolute_uri(pick["url"]),
                    "description": pick["description"],
                    "id": pick["page"].pk if pick["page"] else None,
                }
                for pick in picks
            ],
            "facets": results.facets if results else {},
            "relaxed": results.relaxed if results else False,
            "suggestion": results.suggestion if results else "",
        },
        json_dumps_params={"ensure_ascii": False},
    )


def autocomplete_json(request):
    prefix = clean_query(request.GET.get("q", ""))[:50]
    return JsonResponse(
        {"query": prefix, "suggestions": run_autocomplete(prefix, get_language()) if prefix else []},
        json_dumps_params={"ensure_ascii": False},
    )

