"""The demo users let a newcomer try each role."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from moderation.permissions import contributor_scope
from practices.models import Municipality

pytestmark = pytest.mark.django_db


def test_demo_users_get_their_roles_and_the_contributor_its_municipality(site_tree):
    call_command("ensure_demo_users", password="demo-pass")
    users = {user.username: user for user in get_user_model().objects.filter(
        username__in=["moderator", "editor", "katran"])}
    assert {name: [g.name for g in user.groups.all()] for name, user in users.items()} == {
        "moderator": ["Moderators"], "editor": ["Editors"], "katran": ["Municipal contributors"],
    }
    assert users["katran"].check_password("demo-pass")
    assert contributor_scope(users["katran"]) >= {Municipality.objects.get(slug="katran").pk}
    assert contributor_scope(users["editor"]) is None


def test_demo_users_are_left_alone_when_they_exist(site_tree):
    call_command("ensure_demo_users", password="first")
    call_command("ensure_demo_users", password="second")
    assert get_user_model().objects.get(username="editor").check_password("first")


def test_demo_users_need_a_password(site_tree, monkeypatch):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("ensure_demo_users", password=None)
