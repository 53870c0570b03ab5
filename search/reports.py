"""The admin report of what readers search for: popular queries and those that found nothing.

Counts come from `SearchQueryDay` (search/editorial.py), one row per query,
language and day, so a period is a sum over days. Wagtail's report view
gives the table, the filters and CSV/Excel export.
"""

import django_filters
from django.db.models import Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from search.editorial import since
from search.models import SearchQueryDay

PERIODS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days")),
           ("365", _("Last 365 days"))]
OUTCOMES = [("nothing", _("Found nothing")), ("partial", _("Found only some words"))]
LANGUAGES = [("ky", _("Kyrgyz")), ("ru", _("Russian")), ("en", _("English"))]


class SearchQueriesFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(label=_("Period"), choices=PERIODS, empty_label=_("All time"))
    language = django_filters.ChoiceFilter(label=_("Site language"), choices=LANGUAGES, empty_label=_("All"))
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=OUTCOMES, empty_label=_("Any"))

    class Meta:
        model = SearchQueryDay
        fields = []


def grouped_queries(rows, data):
    """One row per query with its sums, from day rows filtered by period and language.

    Row filters go before grouping, the outcome filter on the sums after it: a
    query shows as "found nothing" if it found nothing on any day of the period.
    """
    if data.get("period"):
        rows = rows.filter(date__gte=since(int(data["period"])))
    if data.get("language"):
        rows = rows.filter(language=data["language"])
    grouped = rows.values("query").annotate(
        total=Sum("searches"), nothing=Sum("without_results"), partial=Sum("partial_results"),
    )
    if data.get("outcome") == "nothing":
        grouped = grouped.filter(nothing__gt=0)
    elif data.get("outcome") == "partial":
        grouped = grouped.filter(partial__gt=0)
    return grouped


class QueryColumn(Column):
    """The query, linked to the public search page so an editor sees what readers saw."""

    cell_template_name = "search/admin/query_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["search_url"] = reverse("search") + "?" + urlencode({"q": instance["query"]})
        return context


class SearchQueriesReportView(ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    index_url_name = "search_queries_report"
    index_results_url_name = "search_queries_report_results"
    filterset_class = SearchQueriesFilterSet
    permission_policy = ModelPermissionPolicy(SearchQueryDay)
    permission_required = "view"
    default_ordering = "-total"
    is_searchable = True
    search_fields = ["query"]
    columns = [
        QueryColumn("query", label=_("Query"), sort_key="query"),
        NumberColumn("total", label=_("Searches"), sort_key="total"),
        NumberColumn("nothing", label=_("Found nothing"), sort_key="nothing"),
        NumberColumn("partial", label=_("Found only some words"), sort_key="partial"),
    ]
    list_export = ["query", "total", "nothing", "partial"]
    export_headings = {
        "query": _("Query"),
        "total": _("Searches"),
        "nothing": _("Found nothing"),
        "partial": _("Found only some words"),
    }

    def get_queryset(self):
        filters = self.filters
        data = filters.form.cleaned_data if filters and filters.is_valid() else {}
        queryset = self.search_queryset(grouped_queries(SearchQueryDay.objects.all(), data))
        # Ties are broken by the query text, so the pages of the report never shuffle.
        return queryset.order_by(*((self.ordering,) if self.ordering else ()), "query")

    def filter_queryset(self, queryset):
        # Filters are applied in get_queryset, around the grouping.
        return queryset
