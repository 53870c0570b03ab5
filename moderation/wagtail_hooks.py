"""Moderation in the admin: contributor profiles, and contributors' view of the page tree."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moderation.models import ContributorProfile
from moderation.permissions import hide_drafts_outside_scope


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
