"""Wagtail admin views that need the contributors' municipality limit added.

Most admin surfaces ask the page permission policy which pages a user may
see (see moderation.permissions). The few that read pages directly are
replaced here, at the same URLs (see moderation.admin_urls).
"""

from functools import wraps

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.reports.page_types_usage import (
    PageTypesUsageReportView as WagtailPageTypesUsageReportView,
)

from moderation.permissions import contributor_scope, drafts_outside_scope


def limited_to_one_municipality(user):
    return contributor_scope(user) is not None


def refuses_other_municipalities_drafts(view, *page_kwargs):
    """`view`, refused to a contributor when a page its URL names is another municipality's draft.

    The explorer and the page chooser show the page they browse in their
    header, and the move confirmation names the page to move, all read
    straight from the URL without asking the page's permissions.
    """

    @wraps(view)
    def checked(request, *args, **kwargs):
        scope = contributor_scope(request.user)
        if scope is not None:
            ids = [kwargs[name] for name in page_kwargs]
            if drafts_outside_scope(scope).filter(pk__in=ids).exists():
                return permission_denied(request)
        return view(request, *args, **kwargs)

    return checked


class PageTypesUsageReportView(WagtailPageTypesUsageReportView):
    # The report counts the pages of every type in the whole tree and names
    # the latest edited one, draft or not: for a contributor that would be
    # other municipalities' unpublished work.
    def dispatch(self, request, *args, **kwargs):
        if limited_to_one_municipality(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
