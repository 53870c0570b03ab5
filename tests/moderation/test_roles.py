"""The editorial roles: groups with Wagtail admin access and the permissions each role needs."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS, REFERENCE_MODELS, ROLES
from moderation.setup import ensure_moderation

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_roles_with_admin_access(db):
    for name in ROLES:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_moderators_publish_and_lock_pages_everywhere(moderator, indexes):
    for index in indexes.values():
        perms = index.permissions_for_user(moderator)
        assert perms.can_publish() and perms.can_lock() and perms.can_add_subpage()


@pytest.mark.parametrize("model", REFERENCE_MODELS)
def test_moderators_manage_reference_data(moderator, model):
    for action in ("add", "change", "delete", "view"):
        assert moderator.has_perm(f"practices.{action}_{model}")


@pytest.mark.parametrize(
    "permission",
    [
        "search.view_searchqueryday",
        "search.add_synonymgroup",
        "search.change_synonymgroup",
        "search.delete_synonymgroup",
        "search.view_synonymgroup",
        "search.add_lexiconentry",
        "search.change_lexiconentry",
        "search.delete_lexiconentry",
        "search.view_lexiconentry",
        "wagtailsearchpromotions.add_searchpromotion",
        "wagtailsearchpromotions.change_searchpromotion",
        "wagtailsearchpromotions.delete_searchpromotion",
        "moderation.change_contributorprofile",
    ],
)
def test_moderators_steer_search_and_manage_contributors(moderator, permission):
    assert moderator.has_perm(permission)


@pytest.mark.parametrize("model", REFERENCE_MODELS)
def test_editors_only_view_reference_data(editor, model):
    assert editor.has_perm(f"practices.view_{model}")
    assert not editor.has_perm(f"practices.change_{model}")


def test_moderators_and_editors_translate_cases(moderator, editor, contributor):
    for user in (moderator, editor):
        assert user.has_perm("simple_translation.submit_translation")
    assert not contributor.has_perm("simple_translation.submit_translation")


def test_editors_and_contributors_do_not_steer_search(editor, contributor):
    for user in (editor, contributor):
        assert not user.has_perm("search.view_searchqueryday")
        assert not user.has_perm("wagtailsearchpromotions.add_searchpromotion")


def test_contributors_may_add_practices_in_every_language(moderation, indexes):
    group = Group.objects.get(name=CONTRIBUTORS)
    granted = GroupPagePermission.objects.filter(group=group)
    assert {perm.page_id for perm in granted} == {index.pk for index in indexes.values()}
    assert {perm.permission.codename for perm in granted} == {"add_page"}


def test_editors_work_on_the_whole_tree_without_publishing(moderation):
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(group__name=EDITORS, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_contributors_may_upload_photos_and_documents(moderation):
    codenames = set(
        GroupCollectionPermission.objects.filter(group__name=CONTRIBUTORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_image", "choose_image", "add_document", "choose_document"}


def test_ensure_moderation_is_safe_to_run_again(moderation):
    counts = (
        Group.objects.count(),
        Permission.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )
    ensure_moderation()
    assert counts == (
        Group.objects.count(),
        Permission.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_setup_moderation_command_reports_the_roles_and_lists(site_tree, capsys):
    call_command("setup_moderation")
    out = capsys.readouterr().out
    assert MODERATORS in out and CONTRIBUTORS in out
    assert "3 practice list(s)" in out


def test_moderators_follow_up_shared_practices_and_replication_requests(moderator, editor):
    for codename in ("submissions.view_practicesubmission", "submissions.delete_practicesubmission",
                     "replication.view_replicationrequest", "replication.change_replicationrequest"):
        assert moderator.has_perm(codename), codename
        assert not editor.has_perm(codename), codename
