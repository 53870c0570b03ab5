from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from wagtail.models import AbstractPage, Page
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from moderation.files import make_published_files_public
        from moderation.permissions import ScopedPagePermissionPolicy

        # Replaces Wagtail's own page policy for every page type, so each
        # admin surface that asks it which pages a user may see is scoped.
        register_permission_policy(AbstractPage, ScopedPagePermissionPolicy(Page))

        # Files wait in the private collection until the page that uses them
        # goes live, whoever publishes it and however (workflow, schedule).
        page_published.connect(make_published_files_public, dispatch_uid="moderation_files_public")
