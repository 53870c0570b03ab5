"""The page tree's own admin hooks."""

from wagtail import hooks

from portal.language_versions import versions_to_cascade

hooks.register("construct_translated_pages_to_cascade_actions", versions_to_cascade)
