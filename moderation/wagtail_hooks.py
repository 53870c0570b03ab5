"""Moderation in the admin: contributor profiles, contributors' view of the page tree, the dashboard."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moderation.admin_views import limited_to_one_municipality
from moderation.dashboard import dashboard_panels
from moderation.models import ContributorProfile
from moderation.permissions import hide_drafts_outside_scope
from moderation.practice_views import PracticePageViewSet
from moderation.reports import PendingPracticesView, may_moderate, pending_practices


class ContributorProfileViewSet(SnippetViewSet):
    model = ContributorProfile
    icon = "user"
    menu_label = _("Contributors")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["user", "municipality", "position", "contact_consent"]
    list_filter = ["contact_consent"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    panels = [
        FieldPanel("user"),
        FieldPanel("municipality"),
        MultiFieldPanel(
            [FieldPanel("position"), FieldPanel("phone"), FieldPanel("contact_consent")],
            heading=_("Contact"),
        ),
    ]


register_snippet(ContributorProfileViewSet)


@hooks.register("construct_explorer_page_queryset")
def hide_other_municipalities_drafts_in_explorer(parent_page, pages, request):
    return hide_drafts_outside_scope(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_municipalities_drafts_in_chooser(pages, request):
    return hide_drafts_outside_scope(pages, request.user)


@hooks.register("construct_reports_menu")
def hide_whole_tree_reports_from_contributors(request, menu_items):
    if limited_to_one_municipality(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("register_admin_urls")
def register_pending_practices_urls():
    return [
        path("reports/pending-practices/", PendingPracticesView.as_view(), name="pending_practices"),
        path(
            "reports/pending-practices/results/",
            PendingPracticesView.as_view(results_only=True),
            name="pending_practices_results",
        ),
    ]


class PendingPracticesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate(request.user)


@hooks.register("register_reports_menu_item")
def register_pending_practices_menu_item():
    return PendingPracticesMenuItem(
        _("Practices waiting for review"),
        reverse("pending_practices"),
        name="pending-practices",
        icon_name="tasks",
        order=100,
    )


class PendingPracticesPanel(Component):
    """On the moderators' dashboard: how many practices wait, and for how long the oldest has."""

    name = "pending_practices"
    order = 50
    template_name = "moderation/pending_panel.html"

    def get_context_data(self, parent_context):
        pending = pending_practices().order_by("submitted_at")
        oldest = pending.first()
        return {
            "count": pending.count(),
            "oldest_days": (timezone.now() - oldest.submitted_at).days if oldest else 0,
            "url": reverse("pending_practices"),
        }


@hooks.register("construct_homepage_panels")
def add_pending_practices_panel(request, panels):
    if may_moderate(request.user):
        panels.insert(0, PendingPracticesPanel())


@hooks.register("construct_homepage_panels")
def add_practice_panels(request, panels):
    panels.extend(dashboard_panels(request.user))


@hooks.register("register_admin_viewset")
def register_practice_page_viewset():
    return PracticePageViewSet()


@hooks.register("insert_global_admin_css")
def admin_css():
    """The portal's admin styles on every admin page: listings and forms must work on a 390 px phone."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
