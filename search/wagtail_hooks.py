"""Search in the admin: editors' synonyms and lexicon, and the report of what readers search for.

Promoted results (editors' picks) are Wagtail's own, under Settings; their
popular-terms chooser reads the portal's query report (search/popular_queries.py).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import popular_queries
from search.models import LexiconEntry, SearchQueryDay, SynonymGroup
from search.reports import SearchQueriesReportView


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Search synonyms")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["term", "equivalents_in_line", "note"]
    search_fields = ["term", "equivalents", "note"]
    copy_view_enabled = False
    panels = [FieldPanel("term"), FieldPanel("equivalents"), FieldPanel("note")]


register_snippet(SynonymGroupViewSet)


class LexiconEntryViewSet(SnippetViewSet):
    model = LexiconEntry
    icon = "globe"
    menu_label = _("Search lexicon")
    menu_order = 311
    add_to_admin_menu = True
    list_display = ["kyrgyz_in_line", "russian_in_line", "english_in_line", "replaces_built_in", "note"]
    search_fields = ["kyrgyz", "russian", "english", "note"]
    copy_view_enabled = False
    panels = [
        FieldPanel("kyrgyz"), FieldPanel("russian"), FieldPanel("english"), FieldPanel("replaces_built_in"),
        FieldPanel("note"),
    ]


register_snippet(LexiconEntryViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/search-queries/", SearchQueriesReportView.as_view(), name="search_queries_report"),
        path(
            "reports/search-queries/results/",
            SearchQueriesReportView.as_view(results_only=True),
            name="search_queries_report_results",
        ),
        path("search-promotions/popular-queries/", popular_queries.chooser, name="search_popular_queries"),
        path(
            "search-promotions/popular-queries/results/",
            popular_queries.chooser_results,
            name="search_popular_queries_results",
        ),
    ]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(f"search.view_{SearchQueryDay._meta.model_name}")


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    # Wagtail's own search terms report counts Wagtail's search, which the site does not use.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return SearchQueriesMenuItem(
        _("Search queries"), reverse("search_queries_report"), name="search-queries", icon_name="search",
        order=1290,
    )
