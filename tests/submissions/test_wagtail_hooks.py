"""Moderators read what senders wrote in the admin, and cannot rewrite it there."""

import pytest
from django.urls import reverse

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
