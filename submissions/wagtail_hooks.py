"""Shared practices in the admin: a read-only record of what each sender wrote."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.admin_display import ReadableInspectView
from submissions.models import PracticeSubmission
from submissions.service import SUBMISSION_FIELDS


class ReadOnlyPolicy(ModelPermissionPolicy):
    # The record is the sender's own words and consent; editors rework the
    # draft page instead. Deleting stays possible, for spam.
    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(PracticeSubmission, ReadOnlyPolicy(PracticeSubmission), exact_class=True)


class PracticeSubmissionViewSet(ModelViewSet):
    model = PracticeSubmission
    icon = "mail"
    menu_label = _("Shared practices")
    menu_order = 330
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    list_display = ["reference", "title", "municipality", "created_at", "assisted_by", "page"]
    list_filter = ["language", "contact_consent"]
    search_fields = ["reference", "title", "contact_name", "contact_phone", "contact_email"]
    # The model is not in Wagtail's search index; the admin searches the table.
    search_backend_name = None
    form_fields = ["title"]
    inspect_view_fields = [
        "reference", "created_at", "language", *SUBMISSION_FIELDS[:2], "service_types",
        *SUBMISSION_FIELDS[2:], "assisted_by", "page",
    ]


@hooks.register("register_admin_viewset")
def register_practice_submission_viewset():
    return PracticeSubmissionViewSet("shared_practices")
