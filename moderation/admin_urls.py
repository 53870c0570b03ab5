"""Admin URLs that take the place of Wagtail's own views (see moderation.admin_views).

Included before Wagtail's admin URLs, so these paths resolve here first;
Wagtail's URL names still reverse to the same paths.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.viewsets.pages import page_viewset_registry

from moderation.admin_views import PageTypesUsageReportView, refuses_other_municipalities_drafts


def _scoped(view, *page_kwargs):
    return never_cache(require_admin_access(refuses_other_municipalities_drafts(view, *page_kwargs)))


urlpatterns = [
    path(
        "pages/<int:parent_page_id>/",
        _scoped(
            page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id"),
            "parent_page_id",
        ),
    ),
    path(
        "pages/<int:parent_page_id>/results/",
        _scoped(
            page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id"),
            "parent_page_id",
        ),
    ),
    path(
        "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        _scoped(
            page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id"),
            "page_to_move_id",
            "destination_id",
        ),
    ),
    path("choose-page/<int:parent_page_id>/", _scoped(BrowseView.as_view(), "parent_page_id")),
    path(
        "reports/page-types-usage/",
        require_admin_access(PageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(PageTypesUsageReportView.as_view(results_only=True)),
    ),
]
