"""One call that prepares moderation: the roles, the file collections and the workflow.

Run by the data migrations and by `setup_moderation`; safe to run again, and
worth running whenever a practice list is added (a new language), because
contributors' permissions and the workflow are attached to each list.
"""

from django.apps import apps as global_apps

from moderation.files import ensure_file_collections
from moderation.roles import ensure_roles
from moderation.workflows import ensure_moderation_workflow


def ensure_moderation(apps=global_apps):
    ensure_file_collections(apps)
    groups = ensure_roles(apps)
    workflow = ensure_moderation_workflow(apps)
    return groups, workflow
