"""The popular-terms chooser of the promoted-results screens, filled from the portal's query report.

Wagtail's own chooser lists the hits of its `Query` model, which only Wagtail's
search records. The portal counts searches in `SearchQueryDay`
(search/editorial.py), so this chooser reads those counts: one source, the
same numbers the search report shows.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Sum
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.permissions import policy_registry

from search.editorial import log_form
from search.models import SearchQueryDay

PER_PAGE = 10


def popular_queries(containing=""):
    """Queries readers searched for, most searched first, as rows {"query", "searches"}."""
    rows = SearchQueryDay.objects.all()
    if containing:
        # Stored queries are in their log form (lowercase), so the filter text is put in that form too.
        rows = rows.filter(query__contains=log_form(containing))
    return rows.values("query").annotate(searches=Sum("searches")).order_by("-searches", "query")


def may_choose_queries(user):
    # The list is the readers' queries: only those who manage picks and may read the search report see it.
    promotions = policy_registry.get_by_type(SearchPromotion)
    return (
        promotions.user_has_any_permission(user, ["add", "change"])
        and user.has_perm(f"search.view_{SearchQueryDay._meta.model_name}")
    )


def chooser(request, results_only=False):
    if not may_choose_queries(request.user):
        return permission_denied(request)
    searchform = SearchForm(request.GET if "q" in request.GET else None)
    containing = searchform.cleaned_data["q"] if searchform.is_bound and searchform.is_valid() else ""
    try:
        queries = Paginator(popular_queries(containing), per_page=PER_PAGE).page(request.GET.get("p", 1))
    except InvalidPage as error:
        raise Http404 from error
    if results_only:
        return TemplateResponse(request, "search/admin/popular_queries_results.html", {"queries": queries})
    return render_modal_workflow(
        request,
        "search/admin/popular_queries_chooser.html",
        None,
        {"queries": queries, "searchform": searchform},
        json_data={"step": "chooser"},
    )


def chooser_results(request):
    return chooser(request, results_only=True)
