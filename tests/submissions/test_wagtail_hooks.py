"""Moderators read what senders wrote in the admin, and cannot rewrite it there."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from moderation.roles import CONTRIBUTORS, EDITORS, MODERATORS
from practices.models import Municipality
from submissions.models import PracticeSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_tree):
    return PracticeSubmission.objects.create(
        language="ky", title="Жаңы бала бакча", municipality=Municipality.objects.get(slug="katran"),
        what_was_done="Айыл өкмөтү тапшырык берди.", contact_name="Гүлнара", contact_phone="+996 555 123 456",
        reference="LSG-2026-000007",
    )


def test_superuser_lists_searches_and_reads_a_submission(client, admin_user, submission):
    client.force_login(admin_user)
    listing = client.get(reverse("shared_practices:index"), {"q": "000007"})
    assert listing.status_code == 200
    assert "Жаңы бала бакча" in listing.content.decode()
    inspect = client.get(reverse("shared_practices:inspect", args=[submission.pk]))
    assert inspect.status_code == 200
    assert "+996 555 123 456" in inspect.content.decode()


def test_nobody_edits_or_adds_a_submission_in_the_admin(client, admin_user, submission):
    client.force_login(admin_user)
    assert client.get(reverse("shared_practices:edit", args=[submission.pk])).status_code in (302, 403)
    assert client.get(reverse("shared_practices:add")).status_code in (302, 403)


def _detail_list(response):
    """The inspect view's field list, where each value a moderator reads is drawn."""
    html = response.content.decode()
    return html[html.index("<dl>"):html.index("</dl>")]


def test_detail_shows_bishkek_time_as_the_list_does(client, admin_user, submission):
    # 04:30 UTC is 10:30 in Bishkek (UTC+6, no daylight saving).
    received = datetime.datetime(2026, 3, 2, 4, 30, tzinfo=datetime.UTC)
    PracticeSubmission.objects.filter(pk=submission.pk).update(created_at=received)
    client.force_login(admin_user)
    listing = client.get(reverse("shared_practices:index")).content.decode()
    detail = _detail_list(client.get(reverse("shared_practices:inspect", args=[submission.pk])))
    assert "10:30" in listing
    assert "10:30" in detail
    assert "4:30" not in detail


def test_detail_shows_no_raw_none_or_flags(client, admin_user, submission):
    client.force_login(admin_user)
    detail = _detail_list(client.get(reverse("shared_practices:inspect", args=[submission.pk])))
    values = re.findall(r"<dd>\s*(.*?)\s*</dd>", detail, flags=re.S)
    assert values, "no values drawn"
    assert not {"None", "True", "False", ""} & set(values)
    # No cost, no helper, no draft yet: each shows as a dash.
    assert values.count("—") >= 3


def test_detail_reads_yes_and_no_in_the_moderators_language(client, admin_user, submission):
    PracticeSubmission.objects.filter(pk=submission.pk).update(contact_consent=True)
    UserProfile.get_for_user(admin_user)
    UserProfile.objects.filter(user=admin_user).update(preferred_language="ru")
    client.force_login(admin_user)
    detail = _detail_list(client.get(reverse("shared_practices:inspect", args=[submission.pk])))
    assert re.search(r"<dd>\s*да\s*</dd>", detail)


@pytest.fixture
def role_user(site_tree, django_user_model):
    from django.contrib.auth.models import Group

    from moderation.setup import ensure_moderation

    ensure_moderation()

    def make(role):
        user = django_user_model.objects.create_user(role.split()[0].lower(), password="pw")
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.mark.parametrize("role", [EDITORS, CONTRIBUTORS])
def test_only_moderators_read_a_submission(client, role_user, submission, role):
    client.force_login(role_user(MODERATORS))
    assert client.get(reverse("shared_practices:inspect", args=[submission.pk])).status_code == 200
    client.force_login(role_user(role))
    response = client.get(reverse("shared_practices:inspect", args=[submission.pk]))
    assert response.status_code in (302, 403)
    assert "+996 555 123 456" not in response.content.decode()
