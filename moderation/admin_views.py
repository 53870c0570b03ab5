"""Wagtail admin views that need the contributors' municipality limit added.

Most admin surfaces ask the page permission policy which pages a user may
see (see moderation.permissions). The few that read pages directly are
replaced here, at the same URLs (see moderation.admin_urls).
"""

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportView as WagtailPageTypesUsageReportView,
)

from moderation.permissions import contributor_scope


def limited_to_one_municipality(user):
    return contributor_scope(user) is not None


class PageTypesUsageReportView(WagtailPageTypesUsageReportView):
    # The report counts the pages of every type in the whole tree and names
    # the latest edited one, draft or not: for a contributor that would be
    # other municipalities' unpublished work.
    def dispatch(self, request, *args, **kwargs):
        if limited_to_one_municipality(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
