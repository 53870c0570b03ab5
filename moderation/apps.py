from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from wagtail.models import AbstractPage, Page
        from wagtail.permissions import register_permission_policy

        from moderation.permissions import ScopedPagePermissionPolicy

        # Replaces Wagtail's own page policy for every page type, so each
        # admin surface that asks it which pages a user may see is scoped.
        register_permission_policy(AbstractPage, ScopedPagePermissionPolicy(Page))
