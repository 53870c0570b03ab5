"""Replication requests in the admin, for the moderators who help municipalities get in touch."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from replication.models import ReplicationRequest


class ReplicationRequestViewSet(SnippetViewSet):
    model = ReplicationRequest
    icon = "mail"
    menu_label = _("Replication requests")
    menu_order = 330
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["created", "municipality", "practice_title", "contact_name", "contact_phone", "forwarded_at"]
    list_filter = ["municipality__oblast"]
    search_fields = ["practice_title", "contact_name", "message"]
    ordering = ["-created"]
    panels = [
        FieldPanel("practice", read_only=True),
        FieldPanel("municipality"),
        FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_phone"),
        FieldPanel("contact_email"), FieldPanel("message"),
        FieldPanel("forwarded_at", read_only=True),
    ]


register_snippet(ReplicationRequestViewSet)
