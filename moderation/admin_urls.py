"""Admin URLs that take the place of Wagtail's own views (see moderation.admin_views).

Included before Wagtail's admin URLs, so these paths resolve here first;
Wagtail's URL names still reverse to the same paths.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from moderation.admin_views import PageTypesUsageReportView

urlpatterns = [
    path(
        "reports/page-types-usage/",
        require_admin_access(PageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        require_admin_access(PageTypesUsageReportView.as_view(results_only=True)),
    ),
]
